import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defaultCountryOption } from '../../descriptions/common';
import { defaultCountry, requireExtensionId, requirePhone } from '../../helpers/validation';

export function addressBookPath(this: IExecuteFunctions, itemIndex: number): string {
	return `/restapi/v1.0/account/~/extension/${requireExtensionId.call(this, itemIndex)}/address-book/contact`;
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

export const contactOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [defaultCountryOption],
};

/** A PersonalContactRequest body: phones normalised to E.164, emails, URL and birthday checked before sending. */
export function contactBody(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const country = defaultCountry.call(this, options, itemIndex);
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
			const date = new Date(String(value));
			if (Number.isNaN(date.getTime())) throw invalid(name, value, 'a valid date');
			body[name] = date.toISOString();
		} else {
			body[name] = value;
		}
	}
	return body;
}
