import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { defaultCountryParameter } from '../../descriptions/common';
import { validEmail, validPhone } from '../../helpers/validation';
import { getConnection, highLevelApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'Finds the contact HighLevel itself would treat as a duplicate, following the location\'s "Allow Duplicate Contact" setting. No output item means no match.',
		name: 'findDuplicateNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +14155550100',
	},
	defaultCountryParameter,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['findDuplicate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const email = this.getNodeParameter('email', i, '') as string;
	const phone = this.getNodeParameter('phone', i, '') as string;
	if (!email && !phone) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i} has neither an "Email" nor a "Phone" to look for`,
			{
				itemIndex: i,
			},
		);
	}
	const { locationId } = await getConnection.call(this);
	const qs: IDataObject = { locationId };
	if (email) qs.email = validEmail(this, email, 'Email', i);
	if (phone) {
		qs.number = validPhone(
			this,
			phone,
			'Phone',
			i,
			this.getNodeParameter('defaultCountry', i, 'US') as string,
		);
	}
	const { contact } = await highLevelApiRequest.call(this, 'GET', '/contacts/search/duplicate', {
		qs,
	});
	return contact ? [contact as IDataObject] : [];
}
