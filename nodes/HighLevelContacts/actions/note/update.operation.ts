import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom, requiredUpdate, withoutEmpty } from '../../helpers/validation';
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
	const body = requiredUpdate(
		this,
		withoutEmpty(this.getNodeParameter('updateFields', i, {}) as IDataObject),
		i,
	);
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
