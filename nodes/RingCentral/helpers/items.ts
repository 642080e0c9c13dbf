import type { IDataObject } from 'n8n-workflow';

import { toE164 } from '../../shared/phone';

// The one place RingCentral records become n8n items, for the action node and both triggers, so HighLevel's
// Log Call / Log Message / Sync Contact read the same fields whichever node emitted the item.
// Every number written in E.164 sits in a field whose name ends in "E164" (null for a party that has only an
// extension number, e.g. "102"):
// - call (call-log record, telephony session party): fromE164, toE164 - each string | null
// - message (SMS, voicemail, fax, pager):            fromE164 string | null, toE164 (string | null)[] per recipient
// - contact (personal address book):                 phoneE164 (first usable, mobile first),
//                                                    phoneNumbers [{ type, phoneE164 }]
// - directory entry:                                 phoneNumbersE164 string[]
// The action node returns the API record with fromE164/toE164 added; trigger items are summaries with the API
// record under `raw`.

/** E.164 of a party's `phoneNumber`; null for extension-only parties and missing values. */
export function e164Of(party: unknown, country?: string): string | null {
	const phoneNumber = (party as IDataObject | undefined)?.phoneNumber;
	return typeof phoneNumber === 'string' ? toE164(phoneNumber, country) : null;
}

function nameOf(party: unknown): string | null {
	const name = (party as IDataObject | undefined)?.name;
	return typeof name === 'string' ? name : null;
}

/** `toE164` is a list exactly when `to` is: a message has recipients, a call has one other party. */
function partyNumbers(record: IDataObject, country?: string): IDataObject {
	const to = record.to;
	return {
		fromE164: e164Of(record.from, country),
		toE164: Array.isArray(to) ? to.map((party) => e164Of(party, country)) : e164Of(to, country),
	};
}

/** A call-log record or message as the API returned it, plus its parties' numbers in E.164. */
export function withE164(record: IDataObject, country: string): IDataObject {
	return { ...record, ...partyNumbers(record, country) };
}

/** Both parties of a call (a call-log record or a telephony-session party): numbers and names. */
export function callParties(call: IDataObject): IDataObject {
	return { ...partyNumbers(call), fromName: nameOf(call.from), toName: nameOf(call.to) };
}

/** A message-store record (SMS, voicemail, fax, pager). `subject` holds the SMS text. */
export function simplifyMessage(message: IDataObject): IDataObject {
	return {
		id: String(message.id),
		type: message.type,
		direction: message.direction,
		...partyNumbers({ from: message.from, to: message.to ?? [] }),
		fromName: nameOf(message.from),
		text: message.subject ?? null,
		conversationId: message.conversationId === undefined ? null : String(message.conversationId),
		messageStatus: message.messageStatus ?? null,
		readStatus: message.readStatus ?? null,
		creationTime: message.creationTime ?? null,
		lastModifiedTime: message.lastModifiedTime ?? null,
		...(message.vmTranscriptionStatus === undefined
			? {}
			: { vmTranscriptionStatus: message.vmTranscriptionStatus }),
		raw: message,
	};
}

/** A call-log record. `duration` is in seconds, as RingCentral reports it. */
export function simplifyCallLogRecord(record: IDataObject): IDataObject {
	return {
		id: String(record.id),
		telephonySessionId: record.telephonySessionId ?? null,
		sessionId: record.sessionId ?? null,
		direction: record.direction,
		...callParties(record),
		result: record.result ?? null,
		missed: record.result === 'Missed',
		startTime: record.startTime ?? null,
		duration: record.duration ?? null,
		recordingId: (record.recording as IDataObject | undefined)?.id ?? null,
		raw: record,
	};
}

const CONTACT_PHONE_FIELDS = [
	'mobilePhone',
	'businessPhone',
	'businessPhone2',
	'homePhone',
	'homePhone2',
	'companyPhone',
	'assistantPhone',
	'carPhone',
	'otherPhone',
	'callbackPhone',
];

/** A personal address-book contact. */
export function simplifyContact(contact: IDataObject): IDataObject {
	const phoneNumbers = CONTACT_PHONE_FIELDS.flatMap((type) => {
		const phoneE164 = e164Of({ phoneNumber: contact[type] });
		return phoneE164 === null ? [] : [{ type, phoneE164 }];
	});
	return {
		id: String(contact.id),
		deleted: contact.availability !== undefined && contact.availability !== 'Alive',
		firstName: contact.firstName ?? null,
		lastName: contact.lastName ?? null,
		company: contact.company ?? null,
		email: contact.email ?? null,
		phoneE164: phoneNumbers[0]?.phoneE164 ?? null,
		phoneNumbers,
		raw: contact,
	};
}
