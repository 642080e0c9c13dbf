import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import {
	authenticationProperty,
	credentialsDescription,
	messageTypeOptions,
} from '../RingCentral/descriptions/common';
import { changedContacts, newCalls, newMessages } from './feeds';

const FEEDS: Record<string, (this: IPollFunctions) => Promise<IDataObject[]>> = {
	newCall: newCalls,
	newMessage: newMessages,
	contactChanged: changedContacts,
};

export class RingCentralPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Poll Trigger',
		name: 'ringCentralPollTrigger',
		icon: { light: 'file:ringCentral.svg', dark: 'file:ringCentral.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow on new calls, new messages or changed address-book contacts, checked on a schedule',
		defaults: {
			name: 'RingCentral Poll Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		properties: [
			authenticationProperty,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Contact Changed',
						value: 'contactChanged',
						description: 'A personal address-book contact was added, changed or deleted',
					},
					{
						name: 'New Call',
						value: 'newCall',
						description: 'A call appears in the call log (once it has ended)',
					},
					{
						name: 'New Message',
						value: 'newMessage',
						description: 'An SMS, voicemail, fax or pager message arrives or is sent',
					},
				],
				default: 'newCall',
			},
			{
				displayName: 'Missed Calls Only',
				name: 'missedOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to trigger only on calls whose result is Missed',
				displayOptions: { show: { event: ['newCall'] } },
			},
			{
				displayName: 'Message Types',
				name: 'messageTypes',
				type: 'multiOptions',
				options: messageTypeOptions,
				default: ['SMS'],
				description: 'Which kinds of message to trigger on. None selected means all.',
				displayOptions: { show: { event: ['newMessage'] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const records = await FEEDS[event].call(this);
		return records.length > 0 ? [this.helpers.returnJsonArray(records)] : null;
	}
}
