import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successOf } from '../../helpers/contacts';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [contactLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['removeFromAllCampaigns'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const response = await highLevelApiRequest.call(
		this,
		'DELETE',
		path`/contacts/${contactId}/campaigns/removeAll`,
		{ scope: 'contacts.write' },
	);
	return successOf(response, contactId);
}
