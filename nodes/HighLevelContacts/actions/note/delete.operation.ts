import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successOf } from '../../helpers/contacts';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import { noteIdFrom, noteIdParameter } from './fields';

const properties: INodeProperties[] = [contactLocator, noteIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const noteId = noteIdFrom(this, i);
	const response = await highLevelApiRequest.call(
		this,
		'DELETE',
		path`/contacts/${contactId}/notes/${noteId}`,
		{ scope: 'contacts.write' },
	);
	return successOf(response, noteId);
}
