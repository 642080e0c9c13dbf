import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import { withE164 } from '../../helpers/items';
import { requireId } from '../../helpers/validation';
import { ringCentralApiRequest } from '../../transport';
import { optionsCountry } from '../common';
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
	optionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId.call(this, 'messageId', 'Message ID', itemIndex, 'numeric');
	const country = optionsCountry.call(this, itemIndex);
	const message = await ringCentralApiRequest.call(
		this,
		'GET',
		`${messageStorePath.call(this, itemIndex)}/${id}`,
	);
	return withE164(message, country);
}
