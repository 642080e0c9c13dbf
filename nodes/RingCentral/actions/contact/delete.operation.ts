import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ringCentralApiRequest } from '../../transport';
import { contactIdProperty, contactRecord } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	[contactIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { id, path } = contactRecord.call(this, itemIndex);
	await ringCentralApiRequest.call(this, 'DELETE', path);
	return { id, deleted: true };
}
