import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactFieldsProperties } from '../../descriptions/contactFields';
import { contactBodyFrom } from '../../helpers/contacts';
import { contactIdFrom, requiredUpdate } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	[contactLocator, ...contactFieldsProperties('update')],
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const body = requiredUpdate(this, contactBodyFrom(this, i, 'updateFields'), i);
	const { contact } = await highLevelApiRequest.call(this, 'PUT', path`/contacts/${contactId}`, {
		body,
		scope: 'contacts.write',
	});
	return contact as IDataObject;
}
