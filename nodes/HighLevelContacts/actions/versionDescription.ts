import type { INodeProperties } from 'n8n-workflow';

import { itemsInParallelOption } from '../../shared/items';
import { requestOptionsProperty } from '../../shared/requestOptions';

import * as appointment from './appointment/Appointment.resource';
import * as contact from './contact/Contact.resource';
import * as note from './note/Note.resource';
import * as ringCentral from './ringCentral/RingCentral.resource';
import * as tag from './tag/Tag.resource';
import * as task from './task/Task.resource';

/** The node's parameters: authentication, resource, each resource's operations and fields, request options. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'OAuth2', value: 'oAuth2' },
			{ name: 'Private Integration Token', value: 'privateIntegration' },
		],
		default: 'oAuth2',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Appointment', value: 'appointment' },
			{ name: 'Contact', value: 'contact' },
			{ name: 'Note', value: 'note' },
			{ name: 'RingCentral Activity', value: 'ringCentral' },
			{ name: 'Tag', value: 'tag' },
			{ name: 'Task', value: 'task' },
		],
		default: 'contact',
	},
	...appointment.description,
	...contact.description,
	...note.description,
	...ringCentral.description,
	...tag.description,
	...task.description,
	requestOptionsProperty(
		'HighLevel',
		'A write that is not safe to repeat',
		// hidden where the router runs one item at a time anyway
		{ ...itemsInParallelOption, displayOptions: { hide: { '/resource': ['ringCentral'] } } },
	),
];
