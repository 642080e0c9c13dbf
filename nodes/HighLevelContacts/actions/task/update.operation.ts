import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import {
	dueDateParameter,
	optionalTaskFields,
	taskBody,
	taskIdFrom,
	taskIdParameter,
} from './fields';

const properties: INodeProperties[] = [
	contactLocator,
	taskIdParameter,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...optionalTaskFields,
			dueDateParameter,
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const taskId = taskIdFrom(this, i);
	const body = taskBody(this, i, this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i} has no field to update: add one under "Update Fields"`,
			{
				itemIndex: i,
			},
		);
	}
	const { task } = await highLevelApiRequest.call(
		this,
		'PUT',
		path`/contacts/${contactId}/tasks/${taskId}`,
		{
			body,
			scope: 'contacts.write',
		},
	);
	return task as IDataObject;
}
