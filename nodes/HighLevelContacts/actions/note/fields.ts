import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userIdParameter } from '../../descriptions/common';
import { contactIdFrom, validId } from '../../helpers/validation';
import { path } from '../../transport';

export const noteIdParameter: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	default: '',
	required: true,
};

/** The note of get, update and delete (contactLocator, noteIdParameter): its ID and its endpoint. */
export function noteRecord(ctx: IExecuteFunctions, i: number): { id: string; endpoint: string } {
	const contactId = contactIdFrom(ctx, i);
	const id = validId(ctx, ctx.getNodeParameter('noteId', i), 'Note ID', i);
	return { id, endpoint: path`/contacts/${contactId}/notes/${id}` };
}

const author = userIdParameter(
	'Author Name or ID',
	'userId',
	'User shown as the author of the note',
);

export const bodyField: INodeProperties = {
	displayName: 'Body',
	name: 'body',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
};

const color: INodeProperties = {
	displayName: 'Color',
	name: 'color',
	type: 'color',
	default: '',
	placeholder: 'e.g. #FFAA00',
};

const pinned: INodeProperties = {
	displayName: 'Pinned',
	name: 'pinned',
	type: 'boolean',
	default: false,
	description: 'Whether to pin the note at the top of the contact',
};

const title: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
};

/** Optional note fields of create (Additional Fields); update (Update Fields) also takes the body. */
export const optionalNoteFields: INodeProperties[] = [author, color, pinned, title];
export const noteUpdateFields: INodeProperties[] = [author, bodyField, color, pinned, title];
