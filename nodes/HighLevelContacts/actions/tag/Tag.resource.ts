import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as remove from './remove.operation';

export { add, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add tags to a contact, keeping its other tags',
				action: 'Add tags to a contact',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove tags from a contact, keeping its other tags',
				action: 'Remove tags from a contact',
			},
		],
		default: 'add',
	},
	...add.description,
	...remove.description,
];
