import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom, withoutEmpty } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import { noteIdFrom, noteIdParameter, noteUpdateFields } from './fields';

const properties: INodeProperties[] = [
	contactLocator,
	noteIdParameter,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: noteUpdateFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const noteId = noteIdFrom(this, i);
	const body = withoutEmpty(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i} has no field to update: add one under "Update Fields"`,
			{
				itemIndex: i,
			},
		);
	}
	const { note } = await highLevelApiRequest.call(
		this,
		'PUT',
		path`/contacts/${contactId}/notes/${noteId}`,
		{
			body,
			scope: 'contacts.write',
		},
	);
	return note as IDataObject;
}
