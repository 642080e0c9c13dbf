import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsProperty } from '../../descriptions/common';
import { requireExtensionId, requireId, requirePhone } from '../../helpers/validation';
import { optionsCountry } from '../common';

export function addressBookPath(this: IExecuteFunctions, itemIndex: number): string {
	return `/restapi/v1.0/account/~/extension/${requireExtensionId.call(this, itemIndex)}/address-book/contact`;
}

export const contactIdProperty: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	description: 'The ID of a contact in the personal address book',
};

/** The contact of Get, Update and Delete: its checked ID and its path. */
export function contactRecord(
	this: IExecuteFunctions,
	itemIndex: number,
): { id: string; path: string } {
	const id = requireId.call(this, 'contactId', 'Contact ID', itemIndex, 'numeric');
	return { id, path: `${addressBookPath.call(this, itemIndex)}/${id}` };
}

const text = (
	displayName: string,
	name: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

const PHONE_FIELDS: Array<[string, string]> = [
	['Business Fax', 'businessFax'],
	['Business Phone', 'businessPhone'],
	['Business Phone 2', 'businessPhone2'],
	['Company Phone', 'companyPhone'],
	['Home Phone', 'homePhone'],
	['Home Phone 2', 'homePhone2'],
	['Mobile Phone', 'mobilePhone'],
	['Other Phone', 'otherPhone'],
];

const EMAIL_FIELDS: Array<[string, string]> = [
	['Email', 'email'],
	['Email 2', 'email2'],
	['Email 3', 'email3'],
];

/** The PersonalContactRequest fields offered by Create and Update, in n8n's alphabetical order. */
export const contactFields: INodeProperties[] = [
	text('Birthday', 'birthday', { type: 'dateTime' }),
	text('Company', 'company'),
	...EMAIL_FIELDS.map(([displayName, name]) =>
		text(displayName, name, { placeholder: 'name@email.com' }),
	),
	text('First Name', 'firstName'),
	text('Job Title', 'jobTitle'),
	text('Last Name', 'lastName'),
	text('Middle Name', 'middleName'),
	text('Nickname', 'nickName'),
	text('Notes', 'notes', { typeOptions: { rows: 3 } }),
	...PHONE_FIELDS.map(([displayName, name]) =>
		text(displayName, name, { description: 'Any common format; sent as E.164' }),
	),
	text('Web Page', 'webPage', { placeholder: 'https://example.com' }),
].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The name of the fields collection of Create and of Update. */
const FIELDS_COLLECTION = {
	create: { displayName: 'Fields', name: 'fields' },
	update: { displayName: 'Update Fields', name: 'updateFields' },
};

/** The fields collection and the options (Default Phone Country), read by requiredContactBody(). */
export const contactFieldsProperties = (operation: 'create' | 'update'): INodeProperties[] => [
	{
		...FIELDS_COLLECTION[operation],
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: contactFields,
	},
	optionsProperty(),
];

/** A PersonalContactRequest body: phones normalised to E.164, emails, URL and birthday checked before sending. */
function contactBody(this: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject {
	const country = optionsCountry.call(this, itemIndex);
	const labels = Object.fromEntries(contactFields.map((field) => [field.name, field.displayName]));
	const invalid = (name: string, value: unknown, expected: string) =>
		new NodeOperationError(
			this.getNode(),
			`${labels[name]} "${String(value)}" is not ${expected} [item ${itemIndex}]`,
			{ itemIndex },
		);
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		if (PHONE_FIELDS.some(([, phoneField]) => phoneField === name)) {
			body[name] = requirePhone.call(this, value, labels[name], itemIndex, country);
		} else if (EMAIL_FIELDS.some(([, emailField]) => emailField === name)) {
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(value)))
				throw invalid(name, value, 'a valid email');
			body[name] = String(value).trim();
		} else if (name === 'webPage') {
			if (!/^https?:\/\/\S+$/i.test(String(value))) throw invalid(name, value, 'an http(s) URL');
			body[name] = value;
		} else if (name === 'birthday') {
			// a number is epoch milliseconds (Date.now(), $now.toMillis())
			const date = new Date(typeof value === 'number' ? value : String(value));
			if (Number.isNaN(date.getTime())) throw invalid(name, value, 'a valid date');
			body[name] = date.toISOString();
		} else {
			body[name] = value;
		}
	}
	return body;
}

/** The body of Create or Update from its fields collection; one without any field is refused before sending. */
export function requiredContactBody(
	this: IExecuteFunctions,
	operation: 'create' | 'update',
	itemIndex: number,
): IDataObject {
	const { displayName, name } = FIELDS_COLLECTION[operation];
	const fields = this.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const body = contactBody.call(this, fields, itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`${displayName}: add at least one field [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return body;
}
