import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ringCentralApiRequest } from '../../transport';
import { addressBookPath, contactFieldsProperties, requiredContactBody } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	contactFieldsProperties('create'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = requiredContactBody.call(this, 'create', itemIndex);
	return await ringCentralApiRequest.call(
		this,
		'POST',
		addressBookPath.call(this, itemIndex),
		body,
	);
}
