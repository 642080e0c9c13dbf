import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import { taskIdFrom, taskIdParameter } from './fields';

const properties: INodeProperties[] = [contactLocator, taskIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const taskId = taskIdFrom(this, i);
	const { task } = await highLevelApiRequest.call(
		this,
		'GET',
		path`/contacts/${contactId}/tasks/${taskId}`,
	);
	return task as IDataObject;
}
