import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { requiredUpdate, withoutEmpty } from '../../helpers/validation';
import { highLevelApiRequest } from '../../transport';
import { noteIdParameter, noteRecord, noteUpdateFields } from './fields';

const properties: INodeProperties[] = [
	contactLocator,
	noteIdParameter,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: noteUpdateFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { endpoint } = noteRecord(this, i);
	const body = requiredUpdate(
		this,
		withoutEmpty(this.getNodeParameter('updateFields', i, {}) as IDataObject),
		i,
	);
	const { note } = await highLevelApiRequest.call(this, 'PUT', endpoint, {
		body,
		scope: 'contacts.write',
	});
	return note as IDataObject;
}
