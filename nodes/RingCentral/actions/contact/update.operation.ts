import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';
import { ringCentralApiRequest } from '../../transport';
import { addressBookPath, contactBody, contactFields, contactOptions } from './common';
import { contactIdProperty } from './get.operation';

const properties: INodeProperties[] = [
	contactIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: contactFields,
	},
	contactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId.call(this, 'contactId', 'Contact ID', itemIndex, 'numeric');
	const body = contactBody.call(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Update Fields: add at least one field [item ${itemIndex}]`,
			{
				itemIndex,
			},
		);
	}
	// PATCH changes only the given fields (PUT would erase the others); repeating it is harmless, so it may be retried
	return await ringCentralApiRequest.call(
		this,
		'PATCH',
		`${addressBookPath.call(this, itemIndex)}/${id}`,
		body,
		undefined,
		{ idempotent: true },
	);
}
