import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userIdParameter } from '../../descriptions/common';
import { contactIdFrom, validDateTime, validId, withoutEmpty } from '../../helpers/validation';
import { path } from '../../transport';

export const taskIdParameter: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
};

/** The task of get, update, complete and delete (contactLocator, taskIdParameter): its ID and its endpoint. */
export function taskRecord(ctx: IExecuteFunctions, i: number): { id: string; endpoint: string } {
	const contactId = contactIdFrom(ctx, i);
	const id = validId(ctx, ctx.getNodeParameter('taskId', i), 'Task ID', i);
	return { id, endpoint: path`/contacts/${contactId}/tasks/${id}` };
}

export const dueDateParameter: INodeProperties = {
	displayName: 'Due Date',
	name: 'dueDate',
	type: 'dateTime',
	default: '',
};

/** Optional task fields shared by create (Additional Fields) and update (Update Fields). */
export const optionalTaskFields: INodeProperties[] = [
	userIdParameter('Assigned User Name or ID', 'assignedTo', 'User responsible for the task'),
	{
		displayName: 'Completed',
		name: 'completed',
		type: 'boolean',
		default: false,
		description: 'Whether the task is done',
	},
	{
		displayName: 'Description',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
];

export function taskBody(ctx: IExecuteFunctions, i: number, fields: IDataObject): IDataObject {
	const body = withoutEmpty(fields);
	if (body.dueDate !== undefined) body.dueDate = validDateTime(ctx, body.dueDate, 'Due Date', i);
	return body;
}
