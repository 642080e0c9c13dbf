import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successOf } from '../../helpers/contacts';
import { highLevelApiRequest } from '../../transport';
import { taskIdParameter, taskRecord } from './fields';

const properties: INodeProperties[] = [contactLocator, taskIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { id, endpoint } = taskRecord(this, i);
	const response = await highLevelApiRequest.call(this, 'DELETE', endpoint, {
		scope: 'contacts.write',
	});
	return successOf(response, id);
}
