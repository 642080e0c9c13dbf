import type { IDataObject } from 'n8n-workflow';

import { toE164 } from '../../shared/phone';

// Record -> item shaping shared by both RingCentral triggers. Every item keeps the API record under `raw`.

/** E.164 when the value is a phone number; null for extension numbers ("102") and missing values. */
export function phoneOf(party: unknown): string | null {
	const phoneNumber = (party as IDataObject | undefined)?.phoneNumber;
	return typeof phoneNumber === 'string' ? toE164(phoneNumber) : null;
}

function nameOf(party: unknown): string | null {
	const name = (party as IDataObject | undefined)?.name;
	return typeof name === 'string' ? name : null;
}

/** A message-store record (SMS, voicemail, fax, pager). `subject` holds the SMS text. */
export function simplifyMessage(message: IDataObject): IDataObject {
	const recipients = (message.to ?? []) as IDataObject[];
	return {
		id: String(message.id),
		type: message.type,
		direction: message.direction,
		from: phoneOf(message.from),
		fromName: nameOf(message.from),
		to: recipients.map(phoneOf).filter((phone): phone is string => phone !== null),
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
		from: phoneOf(record.from),
		fromName: nameOf(record.from),
		to: phoneOf(record.to),
		toName: nameOf(record.to),
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

/** A personal address-book contact. `phone` is the first usable number, mobile first. */
export function simplifyContact(contact: IDataObject): IDataObject {
	const phoneNumbers = CONTACT_PHONE_FIELDS.flatMap((type) => {
		const phone = phoneOf({ phoneNumber: contact[type] });
		return phone === null ? [] : [{ type, phone }];
	});
	return {
		id: String(contact.id),
		deleted: contact.availability !== undefined && contact.availability !== 'Alive',
		firstName: contact.firstName ?? null,
		lastName: contact.lastName ?? null,
		company: contact.company ?? null,
		email: contact.email ?? null,
		phone: phoneNumbers[0]?.phone ?? null,
		phoneNumbers,
		raw: contact,
	};
}
