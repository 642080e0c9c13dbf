import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import { noteIdFrom, noteIdParameter } from './fields';

const properties: INodeProperties[] = [contactLocator, noteIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const noteId = noteIdFrom(this, i);
	const { note } = await highLevelApiRequest.call(
		this,
		'GET',
		path`/contacts/${contactId}/notes/${noteId}`,
	);
	return note as IDataObject;
}
