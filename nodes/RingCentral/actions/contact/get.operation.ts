import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';
import { ringCentralApiRequest } from '../../transport';
import { addressBookPath } from './common';

export const contactIdProperty: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	description: 'The ID of a contact in the personal address book',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	[contactIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId.call(this, 'contactId', 'Contact ID', itemIndex, 'numeric');
	return await ringCentralApiRequest.call(
		this,
		'GET',
		`${addressBookPath.call(this, itemIndex)}/${id}`,
	);
}
