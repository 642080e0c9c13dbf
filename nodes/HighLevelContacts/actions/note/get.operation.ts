import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { highLevelApiRequest } from '../../transport';
import { noteIdParameter, noteRecord } from './fields';

const properties: INodeProperties[] = [contactLocator, noteIdParameter];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { endpoint } = noteRecord(this, i);
	const { note } = await highLevelApiRequest.call(this, 'GET', endpoint);
	return note as IDataObject;
}
