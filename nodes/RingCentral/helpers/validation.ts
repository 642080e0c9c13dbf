import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toE164 } from '../../shared/phone';

function invalid(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${message} [item ${itemIndex}]`, { itemIndex });
}

/**
 * A record id from a string parameter. Commas are refused: RingCentral reads them as a bulk request and answers
 * with multipart/mixed, which this node does not handle.
 */
export function requireId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	kind: 'numeric' | 'token',
): string {
	const id = String(this.getNodeParameter(parameter, itemIndex, '')).trim();
	if (id === '') throw invalid(this, itemIndex, `${label} is empty`);
	const valid = kind === 'numeric' ? /^\d+$/.test(id) : /^[\w-]+$/.test(id);
	if (!valid) {
		const expected = kind === 'numeric' ? 'a number' : 'letters, digits, "-" or "_" only';
		throw invalid(this, itemIndex, `${label} "${id}" is not valid: expected ${expected}`);
	}
	return id;
}

/** The extension to act for: "~" (the authenticated user) or a numeric extension id. */
export function requireExtensionId(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(this.getNodeParameter('extensionId', itemIndex, '~')).trim() || '~';
	if (id !== '~' && !/^\d+$/.test(id)) {
		throw invalid(this, itemIndex, `Extension ID "${id}" is not valid: expected "~" or a number`);
	}
	return id;
}

/**
 * An ISO 8601 timestamp with time zone, as RingCentral's date-time query parameters require.
 * Values without a zone (n8n's date picker) are read in the n8n server's time zone.
 */
function optionalDate(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	// a number is epoch milliseconds (Date.now(), $now.toMillis())
	const date = new Date(typeof value === 'number' ? value : String(value));
	if (Number.isNaN(date.getTime())) {
		throw invalid(context, itemIndex, `${label} "${String(value)}" is not a valid date`);
	}
	return date.toISOString();
}

/** The "Date From" and "Date To" filters of a list operation, checked and in order. */
export function dateRange(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): { dateFrom?: string; dateTo?: string } {
	const dateFrom = optionalDate(this, filters.dateFrom, 'Date From', itemIndex);
	const dateTo = optionalDate(this, filters.dateTo, 'Date To', itemIndex);
	if (dateFrom && dateTo && dateFrom > dateTo) {
		throw invalid(this, itemIndex, 'Date From is after Date To');
	}
	return { dateFrom, dateTo };
}

/** The "Default Phone Country" option as an ISO 3166-1 alpha-2 code, used for numbers written without a country code. */
export function defaultCountry(
	this: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): string {
	const value = options.defaultCountry ?? 'US';
	const country = String(value).trim().toUpperCase();
	if (!/^[A-Z]{2}$/.test(country)) {
		throw invalid(
			this,
			itemIndex,
			`Default Phone Country "${String(value)}" is not a two-letter ISO country code`,
		);
	}
	return country;
}

/** A phone number normalised to E.164, or a clear error naming the field. */
export function requirePhone(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	country: string,
): string {
	const written = String(value ?? '').trim();
	if (written === '') throw invalid(this, itemIndex, `${label} is empty`);
	const e164 = toE164(written, country);
	if (e164 === null) {
		throw invalid(this, itemIndex, `${label} "${written}" is not a valid phone number`);
	}
	return e164;
}
