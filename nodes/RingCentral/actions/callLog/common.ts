import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireExtensionId } from '../../helpers/validation';

export const viewOption: INodeProperties = {
	displayName: 'View',
	name: 'view',
	type: 'options',
	options: [
		{ name: 'Simple', value: 'Simple' },
		{
			name: 'Detailed',
			value: 'Detailed',
			description: 'Adds the call legs and the last modification time',
		},
	],
	default: 'Simple',
};

/** The call log of one extension, or of the whole account (needs the FullCompanyCallLog user permission). */
export function callLogPath(this: IExecuteFunctions, itemIndex: number): string {
	if (this.getNodeParameter('scope', itemIndex) === 'account')
		return '/restapi/v1.0/account/~/call-log';
	return `/restapi/v1.0/account/~/extension/${requireExtensionId.call(this, itemIndex)}/call-log`;
}
