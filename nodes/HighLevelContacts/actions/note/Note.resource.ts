import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteNote from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteNote as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['note'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a note to a contact',
				action: 'Create a note',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a note', action: 'Delete a note' },
			{ name: 'Get', value: 'get', description: 'Get a note', action: 'Get a note' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the notes of a contact',
				action: 'Get many notes',
			},
			{ name: 'Update', value: 'update', description: 'Update a note', action: 'Update a note' },
		],
		default: 'create',
	},
	...create.description,
	...deleteNote.description,
	...get.description,
	...getAll.description,
	...update.description,
];
