import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactFieldsProperties } from '../../descriptions/contactFields';
import { contactBodyFrom } from '../../helpers/contacts';
import { getConnection, highLevelApiRequest } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	contactFieldsProperties('create'),
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body = contactBodyFrom(this, i, 'additionalFields');
	const { locationId } = await getConnection.call(this);
	const { contact } = await highLevelApiRequest.call(this, 'POST', '/contacts/', {
		body: { ...body, locationId },
		scope: 'contacts.write',
	});
	return contact as IDataObject;
}
