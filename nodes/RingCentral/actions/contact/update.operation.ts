import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ringCentralApiRequest } from '../../transport';
import {
	contactFieldsProperties,
	contactIdProperty,
	contactRecord,
	requiredContactBody,
} from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	[contactIdProperty, ...contactFieldsProperties('update')],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = contactRecord.call(this, itemIndex);
	const body = requiredContactBody.call(this, 'update', itemIndex);
	// PATCH changes only the given fields (PUT would erase the others); repeating it is harmless, so it may be retried
	return await ringCentralApiRequest.call(this, 'PATCH', path, body, undefined, {
		idempotent: true,
	});
}
