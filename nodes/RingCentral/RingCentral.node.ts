import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as callLog from './actions/callLog/CallLog.resource';
import * as contact from './actions/contact/Contact.resource';
import * as message from './actions/message/Message.resource';
import { router } from './actions/router';
import {
	authenticationProperty,
	credentialsDescription,
	requestOptionsProperty,
} from './descriptions/common';
import { loadOptions } from './methods';

export class RingCentral implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral',
		name: 'ringCentral',
		icon: { light: 'file:ringCentral.svg', dark: 'file:ringCentral.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read call logs and messages, send SMS and manage the address book in RingCentral',
		defaults: { name: 'RingCentral' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Call Log', value: 'callLog' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Message', value: 'message' },
				],
				default: 'callLog',
			},
			...callLog.description,
			...contact.description,
			...message.description,
			requestOptionsProperty,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
