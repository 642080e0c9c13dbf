import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userIdParameter } from '../../descriptions/common';
import { validDateTime, validId, withoutEmpty } from '../../helpers/validation';

export const taskIdParameter: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
};

export const taskIdFrom = (ctx: IExecuteFunctions, i: number) =>
	validId(ctx, ctx.getNodeParameter('taskId', i), 'Task ID', i);

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
