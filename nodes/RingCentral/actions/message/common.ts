import type { IExecuteFunctions } from 'n8n-workflow';

import { requireExtensionId } from '../../helpers/validation';

export function messageStorePath(this: IExecuteFunctions, itemIndex: number): string {
	return `/restapi/v1.0/account/~/extension/${requireExtensionId.call(this, itemIndex)}/message-store`;
}
