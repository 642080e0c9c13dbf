import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError, tryToParseDateTime } from 'n8n-workflow';

import { toE164 } from '../../shared/phone';

/** Bad input never reaches HighLevel: each check names the field and the item, and nothing is sent for it. */
function invalid(
	ctx: IExecuteFunctions,
	field: string,
	itemIndex: number,
	problem: string,
	value?: unknown,
): NodeOperationError {
	const shown = value === undefined ? '' : `: ${JSON.stringify(value)}`;
	return new NodeOperationError(
		ctx.getNode(),
		`The "${field}" field of item ${itemIndex} ${problem}${shown}`,
		{ itemIndex },
	);
}

export function requiredText(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	if (!text) throw invalid(ctx, field, itemIndex, 'is empty');
	return text;
}

/** A HighLevel record id: it becomes a path segment, so it must be non-empty and free of "/". */
export function validId(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const id = requiredText(ctx, value, field, itemIndex);
	if (id.includes('/'))
		throw invalid(ctx, field, itemIndex, 'is not a valid ID (it contains "/")', id);
	return id;
}

/** Splits "a, b" (or passes an array from an expression) into a clean list; null entries are left out. */
export function listOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return list.map((entry) => String(entry ?? '').trim()).filter(Boolean);
}

/** A list that must hold at least one entry. */
export function requiredList(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string[] {
	const list = listOf(value);
	if (!list.length) throw invalid(ctx, field, itemIndex, 'is empty');
	return list;
}

/** A comma-separated list (or an array from an expression) of record ids. */
export function validIdList(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string[] {
	return requiredList(ctx, value, field, itemIndex).map((id) => validId(ctx, id, field, itemIndex));
}

const CONTACT_URL = /\/contacts\/detail\/([^/?#]+)/;

/** The contact id of a "Contact" resource locator: from the list, typed as an ID, or taken from a contact URL. */
export function contactIdFrom(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter = 'contactId',
	field = 'Contact',
): string {
	const locator = ctx.getNodeParameter(parameter, itemIndex) as
		INodeParameterResourceLocator | string;
	if (typeof locator === 'string') return validId(ctx, locator, field, itemIndex);
	if (locator.mode === 'url') {
		const match = CONTACT_URL.exec(String(locator.value ?? ''));
		if (!match) {
			throw invalid(ctx, field, itemIndex, 'is not a HighLevel contact URL', locator.value);
		}
		return validId(ctx, decodeURIComponent(match[1]), field, itemIndex);
	}
	return validId(ctx, locator.value, field, itemIndex);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validEmail(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const email = String(value).trim();
	if (!EMAIL.test(email))
		throw invalid(ctx, field, itemIndex, 'is not a valid email address', value);
	return email;
}

export function validPhone(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	defaultCountry: string,
): string {
	const phone = toE164(String(value), defaultCountry);
	if (!phone) {
		throw invalid(
			ctx,
			field,
			itemIndex,
			'is not a phone number that can be written in E.164 form',
			value,
		);
	}
	return phone;
}

/**
 * Accepts ISO strings, JS dates, n8n (Luxon) DateTime values and numbers, which are epoch milliseconds as
 * `Date.now()` and `$now.toMillis()` give them; anything else that is not a date fails.
 */
function parseDate(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number) {
	try {
		if (value === '' || value === null || typeof value === 'boolean') throw new Error('not a date');
		return tryToParseDateTime(typeof value === 'number' ? new Date(value) : value);
	} catch {
		throw invalid(ctx, field, itemIndex, 'is not a valid date', value);
	}
}

/** ISO 8601 date and time with offset, e.g. "2026-03-01T09:30:00Z". */
export function validDateTime(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	return parseDate(ctx, value, field, itemIndex).toISO({ suppressMilliseconds: true }) as string;
}

/** Calendar date "YYYY-MM-DD", one of the formats HighLevel accepts for dateOfBirth. */
export function validDate(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	return parseDate(ctx, value, field, itemIndex).toISODate() as string;
}

/** Drops fields left empty in the UI so they do not overwrite data in HighLevel. */
export function withoutEmpty(fields: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(fields).filter(
			([, value]) => value !== '' && value !== undefined && value !== null,
		),
	);
}

/** An update with no field would send an empty body, so it is refused before any request. */
export function requiredUpdate(
	ctx: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): IDataObject {
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Item ${itemIndex} has no field to update: add one with a value under "Update Fields" (empty fields are not sent, so they cannot clear a value)`,
			{ itemIndex },
		);
	}
	return body;
}
