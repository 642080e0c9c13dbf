import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { defaultCountryParameter } from '../../descriptions/common';
import { contactFields } from '../../descriptions/contactFields';
import { contactBody } from '../../helpers/contacts';
import { getConnection, highLevelApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'HighLevel matches an existing contact by email or phone, following the location\'s "Allow Duplicate Contact" setting',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: contactFields('upsert'),
	},
	defaultCountryParameter,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body = contactBody(
		this,
		i,
		this.getNodeParameter('additionalFields', i, {}) as IDataObject,
		this.getNodeParameter('defaultCountry', i, 'US') as string,
	);
	const { locationId } = await getConnection.call(this);
	const response = await highLevelApiRequest.call(this, 'POST', '/contacts/upsert', {
		body: { ...body, locationId },
		scope: 'contacts.write',
		idempotent: true,
	});
	return { ...(response.contact as IDataObject), new: response.new };
}
