import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';
import { ringCentralApiRequest } from '../../transport';
import { addressBookPath } from './common';
import { contactIdProperty } from './get.operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	[contactIdProperty],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId.call(this, 'contactId', 'Contact ID', itemIndex, 'numeric');
	await ringCentralApiRequest.call(
		this,
		'DELETE',
		`${addressBookPath.call(this, itemIndex)}/${id}`,
	);
	return { id, deleted: true };
}
