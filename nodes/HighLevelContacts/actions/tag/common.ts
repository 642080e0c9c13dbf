import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom, requiredList } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

/** Add and Remove differ only in the HTTP method; both leave the contact's other tags alone. */
export function tagsOperation(operation: 'add' | 'remove', method: 'POST' | 'DELETE') {
	const properties: INodeProperties[] = [
		contactLocator,
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. lead, vip',
			description: `Comma-separated tags, or an expression returning an array. Tags to ${operation}; the contact keeps its other tags.`,
		},
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['tag'], operation: [operation] } },
			properties,
		),
		async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
			const contactId = contactIdFrom(this, i);
			const tags = requiredList(this, this.getNodeParameter('tags', i), 'Tags', i);
			const response = await highLevelApiRequest.call(
				this,
				method,
				path`/contacts/${contactId}/tags`,
				{
					body: { tags },
					scope: 'contacts.write',
					idempotent: true,
				},
			);
			return { id: contactId, tags: response.tags };
		},
	};
}
