import type { INodeProperties } from 'n8n-workflow';

import { extensionIdProperty } from '../../descriptions/common';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, deleteContact as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a contact to the personal address book',
				action: 'Create a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact',
				action: 'Delete a contact',
			},
			{ name: 'Get', value: 'get', description: 'Get a contact', action: 'Get a contact' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List contacts of the personal address book',
				action: 'Get many contacts',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a contact',
				action: 'Update a contact',
			},
		],
		default: 'getAll',
	},
	{ ...extensionIdProperty, displayOptions: { show: { resource: ['contact'] } } },
	...create.description,
	...deleteContact.description,
	...get.description,
	...getAll.description,
	...update.description,
];
