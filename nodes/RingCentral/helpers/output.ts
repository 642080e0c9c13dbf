import type { IDataObject } from 'n8n-workflow';

import { toE164 } from '../../shared/phone';

function e164Of(party: unknown, country: string): string | null {
	const phoneNumber = (party as IDataObject | undefined)?.phoneNumber;
	return typeof phoneNumber === 'string' ? toE164(phoneNumber, country) : null;
}

/**
 * A call-log record or message with its parties' numbers also in E.164, so they match HighLevel's:
 * `fromE164` (string or null) and `toE164` (a string for calls, an array for messages, whose `to` is a list).
 * Internal parties (extension numbers only) give null.
 */
export function withE164(record: IDataObject, country: string): IDataObject {
	const to = record.to;
	return {
		...record,
		fromE164: e164Of(record.from, country),
		toE164: Array.isArray(to) ? to.map((party) => e164Of(party, country)) : e164Of(to, country),
	};
}
