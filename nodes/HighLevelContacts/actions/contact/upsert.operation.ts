import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { contactFieldsProperties } from '../../descriptions/contactFields';
import { contactBodyFrom } from '../../helpers/contacts';
import { getConnection, highLevelApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'HighLevel matches an existing contact by email or phone, following the location\'s "Allow Duplicate Contact" setting',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	...contactFieldsProperties('upsert'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body = contactBodyFrom(this, i, 'additionalFields');
	// Without either HighLevel has nothing to match on and creates a new contact on every run (and every retry)
	if (!body.email && !body.phone) {
		throw new NodeOperationError(
			this.getNode(),
			`Create or Update needs an Email or a Phone in item ${i} to find the existing contact; use Create to always add a new one`,
			{ itemIndex: i },
		);
	}
	const { locationId } = await getConnection.call(this);
	const response = await highLevelApiRequest.call(this, 'POST', '/contacts/upsert', {
		body: { ...body, locationId },
		scope: 'contacts.write',
		idempotent: true,
	});
	return { ...(response.contact as IDataObject), new: response.new };
}
