import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom, requiredList } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. lead, vip',
		description:
			'Comma-separated tags, or an expression returning an array. Tags to remove; the contact keeps its other tags.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['remove'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const tags = requiredList(this, this.getNodeParameter('tags', i), 'Tags', i);
	const response = await highLevelApiRequest.call(
		this,
		'DELETE',
		path`/contacts/${contactId}/tags`,
		{
			body: { tags },
			scope: 'contacts.write',
			idempotent: true,
		},
	);
	return { id: contactId, tags: response.tags };
}
