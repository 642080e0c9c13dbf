import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { defaultCountryOption } from '../../descriptions/common';
import { withE164 } from '../../helpers/items';
import { defaultCountry, requireId } from '../../helpers/validation';
import { ringCentralApiRequest } from '../../transport';
import { messageStorePath } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of an SMS, voicemail, fax or pager message',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [defaultCountryOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId.call(this, 'messageId', 'Message ID', itemIndex, 'numeric');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const country = defaultCountry.call(this, options, itemIndex);
	const message = await ringCentralApiRequest.call(
		this,
		'GET',
		`${messageStorePath.call(this, itemIndex)}/${id}`,
	);
	return withE164(message, country);
}
