import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successOf } from '../../helpers/contacts';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import { taskIdFrom, taskIdParameter } from './fields';

const properties: INodeProperties[] = [contactLocator, taskIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const taskId = taskIdFrom(this, i);
	const response = await highLevelApiRequest.call(
		this,
		'DELETE',
		path`/contacts/${contactId}/tasks/${taskId}`,
		{ scope: 'contacts.write' },
	);
	return successOf(response, taskId);
}
