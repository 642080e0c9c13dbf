import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom, requiredText, validDateTime } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import { dueDateParameter, optionalTaskFields, taskBody } from './fields';

const properties: INodeProperties[] = [
	contactLocator,
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
	},
	{ ...dueDateParameter, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalTaskFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const body = {
		completed: false,
		...taskBody(this, i, this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		title: requiredText(this, this.getNodeParameter('title', i), 'Title', i),
		dueDate: validDateTime(this, this.getNodeParameter('dueDate', i), 'Due Date', i),
	};
	const { task } = await highLevelApiRequest.call(
		this,
		'POST',
		path`/contacts/${contactId}/tasks`,
		{
			body,
			scope: 'contacts.write',
		},
	);
	return task as IDataObject;
}
