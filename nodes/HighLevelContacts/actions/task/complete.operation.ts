import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { highLevelApiRequest } from '../../transport';
import { taskIdParameter, taskRecord } from './fields';

const properties: INodeProperties[] = [
	contactLocator,
	taskIdParameter,
	{
		displayName: 'Completed',
		name: 'completed',
		type: 'boolean',
		default: true,
		description: 'Whether to mark the task as done (on) or reopen it (off)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['complete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { endpoint } = taskRecord(this, i);
	const { task } = await highLevelApiRequest.call(this, 'PUT', `${endpoint}/completed`, {
		body: { completed: this.getNodeParameter('completed', i) as boolean },
		scope: 'contacts.write',
		idempotent: true,
	});
	return task as IDataObject;
}
