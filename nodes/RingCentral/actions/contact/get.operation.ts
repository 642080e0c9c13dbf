import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ringCentralApiRequest } from '../../transport';
import { contactIdProperty, contactRecord } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	[contactIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = contactRecord.call(this, itemIndex);
	return await ringCentralApiRequest.call(this, 'GET', path);
}
