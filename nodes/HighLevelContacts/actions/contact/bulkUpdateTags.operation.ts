import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactIdsParameter } from '../../descriptions/common';
import { succeeded } from '../../helpers/contacts';
import { listOf, validIdList } from '../../helpers/validation';
import { getConnection, highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: [
			{ name: 'Add Tags', value: 'add' },
			{ name: 'Remove Tags', value: 'remove' },
		],
		default: 'add',
	},
	contactIdsParameter,
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. lead, vip',
		description: 'Comma-separated tags',
	},
	{
		displayName: 'Remove All Tags',
		name: 'removeAllTags',
		type: 'boolean',
		default: false,
		description: 'Whether to remove every tag from the contacts',
		displayOptions: { show: { action: ['remove'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['bulkUpdateTags'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const action = this.getNodeParameter('action', i) as 'add' | 'remove';
	const contacts = validIdList(this, this.getNodeParameter('contactIds', i), 'Contact IDs', i);
	const tags = listOf(this.getNodeParameter('tags', i, ''));
	const removeAllTags =
		action === 'remove' && (this.getNodeParameter('removeAllTags', i, false) as boolean);
	const { locationId } = await getConnection.call(this);
	const response = await highLevelApiRequest.call(
		this,
		'POST',
		path`/contacts/bulk/tags/update/${action}`,
		{
			body: { contacts, tags, locationId, ...(removeAllTags ? { removeAllTags } : {}) },
			scope: 'contacts.write',
		},
	);
	// `success` like every other write of this node (HighLevel spells it `succeded`), with the per-contact results
	return {
		success: succeeded(response),
		errorCount: response.errorCount,
		responses: response.responses,
	};
}
