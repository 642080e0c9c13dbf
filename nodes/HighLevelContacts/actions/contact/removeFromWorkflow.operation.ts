import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successOf } from '../../helpers/contacts';
import { contactIdFrom, validDateTime, validId } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [
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
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['removeFromWorkflow'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const workflowId = validId(this, this.getNodeParameter('workflowId', i), 'Workflow ID', i);
	const eventStartTime = this.getNodeParameter('eventStartTime', i, '');
	const body = eventStartTime
		? { eventStartTime: validDateTime(this, eventStartTime, 'Event Start Time', i) }
		: {};
	const response = await highLevelApiRequest.call(
		this,
		'DELETE',
		path`/contacts/${contactId}/workflow/${workflowId}`,
		{ body, scope: 'contacts.write' },
	);
	return successOf(response, contactId);
}
