import type { INodeProperties } from 'n8n-workflow';
import { defaultPhoneCountryProperty } from '../../shared/phone';

/** The contact a task, note, tag or follower operation works on: from a searchable list, by ID or by URL. */
export const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchContacts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 8Hd2kLm0pQr5sTuVwXyZ',
			validation: [
				{
					type: 'regex',
					// an empty value is left to "required", so that it is not reported as containing "/"
					properties: { regex: '^[^/]*$', errorMessage: 'A contact ID cannot contain "/"' },
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder:
				'e.g. https://app.gohighlevel.com/v2/location/abc/contacts/detail/8Hd2kLm0pQr5sTuVwXyZ',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '.*/contacts/detail/[^/?#]+.*',
						errorMessage: 'Not a HighLevel contact URL (…/contacts/detail/<ID>)',
					},
				},
			],
		},
	],
};

/** The contacts of a bulk operation. */
export const contactIdsParameter: INodeProperties = {
	displayName: 'Contact IDs',
	name: 'contactIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 8Hd2kLm0pQr5sTuVwXyZ, 3ualbhnV7j3n3a9r2moD',
	description: 'Comma-separated contact IDs, or an expression returning an array',
};

export function returnAllOrLimit(maxValue?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxValue ? { maxValue } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export const simplifyParameter: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the most used fields (ID, names, email, phone, tags, company, dates, custom fields) instead of the full record',
};

export const defaultCountryParameter = defaultPhoneCountryProperty;

export const userIdParameter = (
	displayName: string,
	name: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	default: '',
	description: `${description}. Listing users needs the "Users: Read" scope; an ID works without it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});
