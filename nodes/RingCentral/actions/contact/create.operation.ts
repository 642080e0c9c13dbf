import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { ringCentralApiRequest } from '../../transport';
import { addressBookPath, contactBody, contactFields, contactOptions } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: contactFields,
	},
	contactOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = contactBody.call(
		this,
		this.getNodeParameter('fields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`Fields: add at least one field [item ${itemIndex}]`,
			{
				itemIndex,
			},
		);
	}
	return await ringCentralApiRequest.call(
		this,
		'POST',
		addressBookPath.call(this, itemIndex),
		body,
	);
}
