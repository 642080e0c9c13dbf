import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator, simplifyParameter } from '../../descriptions/common';
import { simplifyContact } from '../../helpers/contacts';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [contactLocator, simplifyParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const { contact } = await highLevelApiRequest.call(this, 'GET', path`/contacts/${contactId}`);
	return this.getNodeParameter('simplify', i)
		? simplifyContact(contact as IDataObject)
		: (contact as IDataObject);
}
