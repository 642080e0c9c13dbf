import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { successOf } from '../../helpers/contacts';
import { highLevelApiRequest } from '../../transport';
import { noteIdParameter, noteRecord } from './fields';

const properties: INodeProperties[] = [contactLocator, noteIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { id, endpoint } = noteRecord(this, i);
	const response = await highLevelApiRequest.call(this, 'DELETE', endpoint, {
		scope: 'contacts.write',
	});
	return successOf(response, id);
}
