import type { INodeProperties } from 'n8n-workflow';

import { defaultCountryParameter, userIdParameter } from './common';

const text = (displayName: string, name: string, placeholder?: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(placeholder ? { placeholder } : {}),
});

/** The writable contact fields; create and upsert also take Company Name and Gender, which update does not. */
export function contactFields(operation: 'create' | 'upsert' | 'update'): INodeProperties[] {
	const createOnly = operation !== 'update';
	const fields: INodeProperties[] = [
		text('Address', 'address1'),
		userIdParameter('Assigned User Name or ID', 'assignedTo', 'User the contact is assigned to'),
		text('City', 'city'),
		...(createOnly ? [text('Company Name', 'companyName')] : []),
		text('Country', 'country', 'e.g. US'),
		...(operation === 'upsert'
			? [
					{
						displayName: 'Create New If Duplicates Allowed',
						name: 'createNewIfDuplicateAllowed',
						type: 'boolean' as const,
						default: false,
						description:
							'Whether to always create a new contact when the location allows duplicate contacts',
					},
				]
			: []),
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Custom Field',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'id',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getCustomFields' },
							default: '',
							description:
								'Listing fields needs the "Custom Fields: Read" scope; an ID works without it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description:
								'For fields with several options (checkboxes, multi-select) use an expression that returns an array',
						},
					],
				},
			],
		},
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'dateTime',
			default: '',
		},
		{
			displayName: 'Do Not Disturb',
			name: 'dnd',
			type: 'boolean',
			default: false,
			description: 'Whether to block all outgoing messages to the contact',
		},
		text('Email', 'email', 'name@email.com'),
		text('First Name', 'firstName'),
		...(createOnly ? [text('Gender', 'gender', 'e.g. female')] : []),
		text('Last Name', 'lastName'),
		text('Name', 'name'),
		text('Phone', 'phone', 'e.g. +14155550100'),
		text('Postal Code', 'postalCode'),
		text('Source', 'source', 'e.g. RingCentral'),
		text('State', 'state'),
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. lead, vip',
			description: createOnly
				? 'Comma-separated tags'
				: 'Comma-separated tags. They REPLACE all current tags; use Tag > Add or Remove to keep the others.',
		},
		text('Timezone', 'timezone', 'e.g. America/Chicago'),
		text('Website', 'website'),
	];
	return fields;
}

/** The fields collection of create and upsert ("Additional Fields") or update ("Update Fields"), read by contactBodyFrom. */
export function contactFieldsProperties(
	operation: 'create' | 'upsert' | 'update',
): INodeProperties[] {
	const update = operation === 'update';
	return [
		{
			displayName: update ? 'Update Fields' : 'Additional Fields',
			name: update ? 'updateFields' : 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: contactFields(operation),
		},
		defaultCountryParameter,
	];
}
