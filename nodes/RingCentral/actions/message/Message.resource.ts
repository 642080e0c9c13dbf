import type { INodeProperties } from 'n8n-workflow';

import { extensionIdProperty } from '../../descriptions/common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as sendSms from './sendSms.operation';

export { get, getAll, sendSms };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an SMS, voicemail, fax or pager message',
				action: 'Get a message',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List messages from the message store',
				action: 'Get many messages',
			},
			{
				name: 'Send SMS',
				value: 'sendSms',
				description: 'Send an SMS from one of the extension numbers',
				action: 'Send an SMS',
			},
		],
		default: 'sendSms',
	},
	{ ...extensionIdProperty, displayOptions: { show: { resource: ['message'] } } },
	...get.description,
	...getAll.description,
	...sendSms.description,
];
