import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator } from '../../descriptions/common';
import { contactIdFrom, requiredText, withoutEmpty } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';
import { bodyField, optionalNoteFields } from './fields';

const properties: INodeProperties[] = [
	contactLocator,
	{ ...bodyField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalNoteFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactIdFrom(this, i);
	const body = {
		...withoutEmpty(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		body: requiredText(this, this.getNodeParameter('body', i), 'Body', i),
	};
	const { note } = await highLevelApiRequest.call(
		this,
		'POST',
		path`/contacts/${contactId}/notes`,
		{
			body,
			scope: 'contacts.write',
		},
	);
	return note as IDataObject;
}
