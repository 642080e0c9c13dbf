import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { defaultCountryParameter } from '../../descriptions/common';
import { contactFields } from '../../descriptions/contactFields';
import { tagsMissingFrom } from '../../helpers/activity';
import { contactBody, simplifyContact } from '../../helpers/contacts';
import { listOf } from '../../helpers/validation';
import { getConnection, highLevelApiRequest, path } from '../../transport';

const mapped = (
	displayName: string,
	name: string,
	expression: string,
	description?: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: `={{ ${expression} }}`,
	...(description ? { description } : {}),
});

/** Fields the mapping above already covers, or that this operation handles itself (tags are only ever added). */
const MAPPED_FIELDS = [
	'firstName',
	'lastName',
	'email',
	'phone',
	'companyName',
	'tags',
	'createNewIfDuplicateAllowed',
];

const properties: INodeProperties[] = [
	{
		displayName:
			'The fields below read a contact of a RingCentral node or trigger; change any of them to map other data. The HighLevel contact is found the way HighLevel finds duplicates, following the location\'s "Allow Duplicate Contact" setting.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
	},
	mapped('First Name', 'firstName', '$json.firstName'),
	mapped('Last Name', 'lastName', '$json.lastName'),
	mapped('Email', 'email', '$json.email'),
	mapped(
		'Phone',
		'phone',
		'$json.phoneE164 ?? $json.mobilePhone ?? $json.businessPhone ?? $json.homePhone',
		'Any common format; sent as E.164',
	),
	mapped('Company Name', 'companyName', '$json.company'),
	mapped(
		'Address',
		'address',
		'($json.raw ?? $json).businessAddress ?? ($json.raw ?? $json).homeAddress',
		'A RingCentral address (street, city, state, zip, country); Additional Fields can set each part instead',
	),
	{
		displayName: 'Tags to Add',
		name: 'tagsToAdd',
		type: 'string',
		default: '',
		placeholder: 'e.g. ringcentral',
		description: 'Comma-separated tags; the contact keeps its other tags',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'More HighLevel fields, including custom fields; a field set here wins over the mapping above',
		options: contactFields('upsert').filter((field) => !MAPPED_FIELDS.includes(field.name)),
	},
	defaultCountryParameter,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ringCentral'], operation: ['syncContact'] } },
	properties,
);

/** RingCentral's ContactAddressInfo as HighLevel contact fields; an address mapped as one text is the street line. */
function addressFields(address: unknown): IDataObject {
	if (typeof address === 'string') return { address1: address };
	if (typeof address !== 'object' || address === null) return {};
	const { street, city, state, zip, country } = address as IDataObject;
	return { address1: street, city, state, postalCode: zip, country };
}

const normalised = (value: unknown) =>
	value === null || value === undefined ? '' : JSON.stringify(value);

/** Whether the contact already holds the value HighLevel would store for this field. */
function holds(contact: IDataObject, field: string, value: unknown): boolean {
	const current = contact[field];
	if (field === 'email') return String(current ?? '').toLowerCase() === String(value).toLowerCase();
	if (field === 'customFields') {
		const stored = (current ?? []) as IDataObject[];
		return (value as IDataObject[]).every((wanted) =>
			stored.some(
				(field) =>
					field.id === wanted.id &&
					normalised(Array.isArray(field.value) ? field.value : String(field.value)) ===
						normalised(
							Array.isArray(wanted.fieldValue) ? wanted.fieldValue : String(wanted.fieldValue),
						),
			),
		);
	}
	if (typeof value === 'boolean') return current === value;
	return String(current ?? '') === String(value);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const read = (name: string) => this.getNodeParameter(name, i, '') as unknown;
	const body = contactBody(
		this,
		i,
		{
			firstName: read('firstName'),
			lastName: read('lastName'),
			email: read('email'),
			phone: read('phone'),
			companyName: read('companyName'),
			...addressFields(read('address')),
			...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		} as IDataObject,
		this.getNodeParameter('defaultCountry', i, 'US') as string,
	);
	if (body.email === undefined && body.phone === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`Item ${i} has neither an "Email" nor a "Phone" to match a HighLevel contact with`,
			{ itemIndex: i },
		);
	}
	const tags = listOf(read('tagsToAdd'));

	const { locationId } = await getConnection.call(this);
	const { contact: existing } = await highLevelApiRequest.call(
		this,
		'GET',
		'/contacts/search/duplicate',
		{
			qs: {
				locationId,
				...(body.email ? { email: body.email } : {}),
				...(body.phone ? { number: body.phone } : {}),
			},
		},
	);

	if (!existing) {
		// upsert, not create: a retried request cannot make a second contact
		const { contact } = await highLevelApiRequest.call(this, 'POST', '/contacts/upsert', {
			body: { source: 'RingCentral', ...body, ...(tags.length ? { tags } : {}), locationId },
			scope: 'contacts.write',
			idempotent: true,
		});
		const created = contact as IDataObject;
		return { action: 'created', contactId: created.id, contact: simplifyContact(created) };
	}

	let contact = existing as IDataObject;
	const changes = Object.keys(body).filter((field) => !holds(contact, field, body[field]));
	if (changes.length) {
		// upsert finds the same contact the duplicate search found, and unlike PUT it can set the company name
		const response = await highLevelApiRequest.call(this, 'POST', '/contacts/upsert', {
			body: { ...body, locationId },
			scope: 'contacts.write',
			idempotent: true,
		});
		contact = response.contact as IDataObject;
	}
	const missingTags = tagsMissingFrom(contact, tags);
	if (missingTags.length) {
		const response = await highLevelApiRequest.call(
			this,
			'POST',
			path`/contacts/${String(contact.id)}/tags`,
			{
				body: { tags: missingTags },
				scope: 'contacts.write',
				idempotent: true,
			},
		);
		contact = { ...contact, tags: response.tags };
		changes.push('tags');
	}
	return {
		action: changes.length ? 'updated' : 'unchanged',
		contactId: contact.id,
		...(changes.length ? { changedFields: changes } : {}),
		contact: simplifyContact(contact),
	};
}
