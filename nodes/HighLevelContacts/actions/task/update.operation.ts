import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { requiredUpdate } from '../../helpers/validation';
import { highLevelApiRequest } from '../../transport';
import {
	dueDateParameter,
	optionalTaskFields,
	taskBody,
	taskIdParameter,
	taskRecord,
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
	const { endpoint } = taskRecord(this, i);
	const body = requiredUpdate(
		this,
		taskBody(this, i, this.getNodeParameter('updateFields', i, {}) as IDataObject),
		i,
	);
	const { task } = await highLevelApiRequest.call(this, 'PUT', endpoint, {
		body,
		scope: 'contacts.write',
	});
	return task as IDataObject;
}
