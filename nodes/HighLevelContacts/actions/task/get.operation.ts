import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { highLevelApiRequest } from '../../transport';
import { taskIdParameter, taskRecord } from './fields';

const properties: INodeProperties[] = [contactLocator, taskIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { endpoint } = taskRecord(this, i);
	const { task } = await highLevelApiRequest.call(this, 'GET', endpoint);
	return task as IDataObject;
}
