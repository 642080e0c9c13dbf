import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['appointment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the appointments of a contact',
				action: 'Get many appointments',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
