import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successOf } from '../../helpers/contacts';
import { contactIdFrom, validDateTime, validId, validIdList } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

// Each add/remove pair below differs only in its HTTP method (and a word of help text), so one factory per pair
// builds both operations; each operation file stays the `description` + `execute` module the resource imports.

type Method = 'POST' | 'DELETE';

interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, i: number): Promise<IDataObject>;
}

const forOperation = (operation: string, properties: INodeProperties[]) =>
	updateDisplayOptions({ show: { resource: ['contact'], operation: [operation] } }, properties);

export function followersOperation(
	operation: 'addFollowers' | 'removeFollowers',
	method: Method,
	help: string,
): Operation {
	return {
		description: forOperation(operation, [
			contactLocator,
			{
				displayName: 'Follower Names or IDs',
				name: 'followers',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: [],
				required: true,
				description: `${help}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
			},
		]),
		async execute(i) {
			const contactId = contactIdFrom(this, i);
			const followers = validIdList(this, this.getNodeParameter('followers', i), 'Followers', i);
			const response = await highLevelApiRequest.call(
				this,
				method,
				path`/contacts/${contactId}/followers`,
				{ body: { followers }, scope: 'contacts.write' },
			);
			return { id: contactId, ...response };
		},
	};
}

export function campaignOperation(
	operation: 'addToCampaign' | 'removeFromCampaign',
	method: Method,
): Operation {
	return {
		description: forOperation(operation, [
			contactLocator,
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				default: '',
				required: true,
			},
		]),
		async execute(i) {
			const contactId = contactIdFrom(this, i);
			const campaignId = validId(this, this.getNodeParameter('campaignId', i), 'Campaign ID', i);
			const response = await highLevelApiRequest.call(
				this,
				method,
				path`/contacts/${contactId}/campaigns/${campaignId}`,
				// The spec requires a body, even an empty one, on the POST only; the DELETE takes none
				{ ...(method === 'POST' ? { body: {} } : {}), scope: 'contacts.write' },
			);
			return successOf(response, contactId);
		},
	};
}

export function workflowOperation(
	operation: 'addToWorkflow' | 'removeFromWorkflow',
	method: Method,
): Operation {
	return {
		description: forOperation(operation, [
			contactLocator,
			{
				displayName: 'Workflow ID',
				name: 'workflowId',
				type: 'string',
				default: '',
				required: true,
			},
			{
				displayName: 'Event Start Time',
				name: 'eventStartTime',
				type: 'dateTime',
				default: '',
				description: 'Start time of the event the workflow is scheduled around, if it uses one',
			},
		]),
		async execute(i) {
			const contactId = contactIdFrom(this, i);
			const workflowId = validId(this, this.getNodeParameter('workflowId', i), 'Workflow ID', i);
			const eventStartTime = this.getNodeParameter('eventStartTime', i, '');
			const body = eventStartTime
				? { eventStartTime: validDateTime(this, eventStartTime, 'Event Start Time', i) }
				: {};
			const response = await highLevelApiRequest.call(
				this,
				method,
				path`/contacts/${contactId}/workflow/${workflowId}`,
				{ body, scope: 'contacts.write' },
			);
			return successOf(response, contactId);
		},
	};
}
