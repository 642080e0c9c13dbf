import type { INodeProperties } from 'n8n-workflow';

import * as logCall from './logCall.operation';
import * as logMessage from './logMessage.operation';
import * as syncContact from './syncContact.operation';

export { logCall, logMessage, syncContact };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['ringCentral'] } },
		options: [
			{
				name: 'Log Call',
				value: 'logCall',
				description:
					'Add a RingCentral call to the contact with its number, once: a note (or conversation message), and for a missed call a follow-up task and tags',
				action: 'Log a call',
			},
			{
				name: 'Log Message',
				value: 'logMessage',
				description:
					'Add a RingCentral SMS or voicemail to the contact with its number, once, as a note or conversation message',
				action: 'Log a message',
			},
			{
				name: 'Sync Contact',
				value: 'syncContact',
				description:
					'Create or update the HighLevel contact matching a RingCentral contact, reporting created, updated or unchanged',
				action: 'Sync a contact',
			},
		],
		default: 'logCall',
	},
	...logCall.description,
	...logMessage.description,
	...syncContact.description,
];
