import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { contactLocator, defaultCountryParameter } from '../../descriptions/common';
import { contactFields } from '../../descriptions/contactFields';
import { contactBody } from '../../helpers/contacts';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactFields('update'),
	},
	defaultCountryParameter,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const body = contactBody(
		this,
		i,
		this.getNodeParameter('updateFields', i, {}) as IDataObject,
		this.getNodeParameter('defaultCountry', i, 'US') as string,
	);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i} has no field to update: add one under "Update Fields"`,
			{
				itemIndex: i,
			},
		);
	}
	const { contact } = await highLevelApiRequest.call(this, 'PUT', path`/contacts/${contactId}`, {
		body,
		scope: 'contacts.write',
	});
	return contact as IDataObject;
}
