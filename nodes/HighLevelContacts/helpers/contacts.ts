import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listOf, validDate, validEmail, validId, validPhone, withoutEmpty } from './validation';

/**
 * `[{ id, fieldValue }]`: the shape HighLevel accepts today (n8n issue 35392); the v2 spec's `field_value`
 * is deprecated in the v3 spec.
 */
function customFieldsFrom(
	ctx: IExecuteFunctions,
	collection: IDataObject,
	itemIndex: number,
): IDataObject[] {
	const entries = (collection.field ?? []) as IDataObject[];
	return entries.map((entry) => ({
		id: validId(ctx, entry.id, 'Custom Field', itemIndex),
		fieldValue: entry.value,
	}));
}

/** A create/update/upsert body from the UI fields, validated and normalised (E.164 phone, ISO dates). */
export function contactBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	defaultCountry: string,
): IDataObject {
	const { customFields, ...rest } = fields;
	const body = withoutEmpty(rest);
	if (body.email !== undefined) body.email = validEmail(ctx, body.email, 'Email', itemIndex);
	if (body.phone !== undefined) {
		body.phone = validPhone(ctx, body.phone, 'Phone', itemIndex, defaultCountry);
	}
	if (body.dateOfBirth !== undefined) {
		body.dateOfBirth = validDate(ctx, body.dateOfBirth, 'Date of Birth', itemIndex);
	}
	if (body.tags !== undefined) body.tags = listOf(body.tags);
	if (customFields)
		body.customFields = customFieldsFrom(ctx, customFields as IDataObject, itemIndex);
	return body;
}

/** The body from the fields collection of contactFieldsProperties: "additionalFields" or "updateFields". */
export function contactBodyFrom(
	ctx: IExecuteFunctions,
	itemIndex: number,
	collection: 'additionalFields' | 'updateFields',
): IDataObject {
	return contactBody(
		ctx,
		itemIndex,
		ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject,
		ctx.getNodeParameter('defaultCountry', itemIndex, 'US') as string,
	);
}

/** The fields people map most; search results carry no `name`, so it is built from the parts. */
export function simplifyContact(contact: IDataObject): IDataObject {
	const fullName = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
	return {
		id: contact.id,
		name: contact.name ?? contact.contactName ?? fullName,
		firstName: contact.firstName,
		lastName: contact.lastName,
		email: contact.email,
		phone: contact.phone,
		tags: contact.tags,
		companyName: contact.companyName,
		dateAdded: contact.dateAdded,
		dateUpdated: contact.dateUpdated,
		customFields: contact.customFields,
	};
}

/** HighLevel answers deletes, removals and bulk updates with `{ succeded: true }` (sic). */
export function succeeded(response: IDataObject): boolean {
	return (response.succeded ?? response.succeeded ?? response.success) === true;
}

export function successOf(response: IDataObject, id: string): IDataObject {
	return { success: succeeded(response), id };
}
