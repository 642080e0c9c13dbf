import type { INodeProperties } from 'n8n-workflow';

import { extensionIdProperty } from '../../descriptions/common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callLog'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a call-log record',
				action: 'Get a call log record',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List call-log records in a date range',
				action: 'Get many call log records',
			},
		],
		default: 'getAll',
	},
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		displayOptions: { show: { resource: ['callLog'] } },
		options: [
			{ name: 'One Extension', value: 'extension', description: 'The call log of one user' },
			{
				name: 'Whole Account',
				value: 'account',
				description: 'The company call log (needs the Full Company Call Log permission)',
			},
		],
		default: 'extension',
	},
	{
		...extensionIdProperty,
		displayOptions: { show: { resource: ['callLog'], scope: ['extension'] } },
	},
	...get.description,
	...getAll.description,
];
