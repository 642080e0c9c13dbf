import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import { withE164 } from '../../helpers/items';
import { requireExtensionId, requirePhone } from '../../helpers/validation';
import { ringCentralApiRequest } from '../../transport';
import { optionsCountry } from '../common';

/** CreateSMSMessage.text: 1000 UTF-16 code units (a 4-byte character counts twice), i.e. JavaScript's length. */
export const SMS_MAX_LENGTH = 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'From Name or ID',
		name: 'from',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getSmsSenderNumbers',
			loadOptionsDependsOn: ['extensionId'],
		},
		required: true,
		default: '',
		description:
			'A number of the extension that may send SMS. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155550100, +14155550101',
		description:
			'One or more phone numbers, separated by commas (several numbers make a group message)',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description: `The message, at most ${SMS_MAX_LENGTH} characters. Longer text is refused, never cut.`,
	},
	optionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendSms'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const country = optionsCountry.call(this, itemIndex);
	const extensionId = requireExtensionId.call(this, itemIndex);
	const from = requirePhone.call(
		this,
		this.getNodeParameter('from', itemIndex),
		'From',
		itemIndex,
		country,
	);
	const recipients = String(this.getNodeParameter('to', itemIndex))
		.split(',')
		.map((number) => number.trim())
		.filter((number) => number !== '');
	if (recipients.length === 0) {
		throw new NodeOperationError(this.getNode(), `To is empty [item ${itemIndex}]`, { itemIndex });
	}
	const to = recipients.map((number) => requirePhone.call(this, number, 'To', itemIndex, country));
	// an expression may give a number (or null): what is sent is its text
	const text = String(this.getNodeParameter('text', itemIndex) ?? '');
	if (text.trim() === '') {
		throw new NodeOperationError(this.getNode(), `Text is empty [item ${itemIndex}]`, {
			itemIndex,
		});
	}
	if (text.length > SMS_MAX_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			`Text is ${text.length} characters long; RingCentral accepts at most ${SMS_MAX_LENGTH} [item ${itemIndex}]`,
			{
				itemIndex,
				description: 'Shorten the text or split it into several messages. It is never truncated.',
			},
		);
	}
	const message = await ringCentralApiRequest.call(
		this,
		'POST',
		`/restapi/v1.0/account/~/extension/${extensionId}/sms`,
		{ from: { phoneNumber: from }, to: to.map((phoneNumber) => ({ phoneNumber })), text },
	);
	return withE164(message, country);
}
