import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toE164 } from '../../shared/phone';
import { defaultCountryParameter } from '../descriptions/common';
import { API_VERSION, getConnection, highLevelApiRequest, path, requireScopes } from '../transport';
import { requiredText, validDateTime } from './validation';

// What the RingCentral activity operations (log a call, log a message) share: reading RingCentral items, finding
// the contact, and writing each record at most once.

export type ActivityKind = 'call' | 'message';

/**
 * The idempotency key written into every note, task and conversation message: re-runs, retries and repeated
 * webhook deliveries find it in HighLevel and write nothing twice.
 */
export function markerOf(kind: ActivityKind, id: string): string {
	return `[RingCentral ${kind} ${id}]`;
}

/**
 * The first usable phone number of a RingCentral value: an E.164 string (trigger items), a party object with
 * `phoneNumber` (RingCentral node items) or a list of either (message recipients). Extension-only parties give null.
 */
export function phoneOf(value: unknown, defaultCountry: string): string | null {
	if (Array.isArray(value)) {
		for (const entry of value) {
			const phone = phoneOf(entry, defaultCountry);
			if (phone) return phone;
		}
		return null;
	}
	const written =
		typeof value === 'object' && value !== null ? (value as IDataObject).phoneNumber : value;
	return typeof written === 'string' || typeof written === 'number'
		? toE164(String(written), defaultCountry)
		: null;
}

const DIRECTIONS = ['Inbound', 'Outbound'] as const;

export interface Activity {
	id: string;
	direction: (typeof DIRECTIONS)[number];
	/** The party that is not us: the caller of an inbound call, the recipient of an outbound one. */
	contactPhone: string;
	from: string | null;
	to: string | null;
	contactName?: string;
	time?: string;
}

function optionalText(value: unknown): string | undefined {
	const text = value === null || value === undefined ? '' : String(value).trim();
	return text || undefined;
}

/** The parameters every activity item has, validated; the contact's number depends on the direction. */
export function readActivity(ctx: IExecuteFunctions, i: number, idField: string): Activity {
	const id = requiredText(ctx, ctx.getNodeParameter('activityId', i), idField, i);
	const written = String(ctx.getNodeParameter('direction', i, '')).trim();
	// other systems (HighLevel among them) write the direction in lower case
	const direction = DIRECTIONS.find((name) => name.toLowerCase() === written.toLowerCase());
	if (!direction) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The "Direction" field of item ${i} must be "Inbound" or "Outbound": ${JSON.stringify(written)}`,
			{ itemIndex: i },
		);
	}
	const country = ctx.getNodeParameter('defaultCountry', i, 'US') as string;
	const from = ctx.getNodeParameter('from', i, '');
	const to = ctx.getNodeParameter('to', i, '');
	const party = direction === 'Inbound' ? from : to;
	const contactPhone = phoneOf(party, country);
	if (!contactPhone) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The "${direction === 'Inbound' ? 'From' : 'To'}" field of item ${i} holds no phone number that can be written in E.164 form: ${JSON.stringify(party ?? null)}`,
			{ itemIndex: i },
		);
	}
	// read as given: a number is an epoch time, not text
	const time = ctx.getNodeParameter('time', i, '');
	return {
		id,
		direction,
		contactPhone,
		from: phoneOf(from, country),
		to: phoneOf(to, country),
		contactName: optionalText(ctx.getNodeParameter('contactName', i, '')),
		time: optionalText(time) && validDateTime(ctx, time, 'Time', i),
	};
}

/** "Jane Doe (+14155550123)", or the number alone. */
export function partyLabel(phone: string | null, name?: string): string {
	const number = phone ?? 'unknown number';
	return name ? `${name} (${number})` : number;
}

/**
 * The contact HighLevel itself treats as the owner of this number (following the location's duplicate
 * setting), created from the number and name when asked to. Undefined when there is none and none is wanted.
 */
export async function contactFor(
	this: IExecuteFunctions,
	i: number,
	activity: Activity,
): Promise<{ contact: IDataObject; created: boolean } | undefined> {
	const { locationId } = await getConnection.call(this);
	const { contact } = await highLevelApiRequest.call(this, 'GET', '/contacts/search/duplicate', {
		qs: { locationId, number: activity.contactPhone },
	});
	if (contact) return { contact: contact as IDataObject, created: false };
	if (!this.getNodeParameter('createContact', i, false)) return undefined;

	// upsert rather than create: a retry, or a parallel run for the same caller, lands on the same contact
	const response = await highLevelApiRequest.call(this, 'POST', '/contacts/upsert', {
		body: {
			locationId,
			phone: activity.contactPhone,
			source: 'RingCentral',
			...(activity.contactName ? { name: activity.contactName } : {}),
		},
		scope: 'contacts.write',
		idempotent: true,
	});
	return { contact: response.contact as IDataObject, created: response.new === true };
}

/** The wanted tags the contact lacks; HighLevel stores tags in lower case. */
export function tagsMissingFrom(contact: IDataObject, wanted: string[]): string[] {
	const present = new Set(((contact.tags ?? []) as string[]).map((tag) => tag.toLowerCase()));
	return wanted.filter((tag) => !present.has(tag.toLowerCase()));
}

/** The notes or tasks of the contact that carry the marker (in the body of a note, the title of a task). */
export async function markedRecords(
	this: IExecuteFunctions,
	contactId: string,
	collection: 'notes' | 'tasks',
	marker: string,
): Promise<IDataObject[]> {
	const field = collection === 'notes' ? 'body' : 'title';
	const response = await highLevelApiRequest.call(
		this,
		'GET',
		path`/contacts/${contactId}/${collection}`,
	);
	return ((response[collection] ?? []) as IDataObject[]).filter((record) =>
		String(record[field] ?? '').includes(marker),
	);
}

export interface Written {
	id: string;
	/** whether this run wrote it; false when it was there already */
	written: boolean;
	/** another run wrote it at the same time and goes on with the follow-ups */
	concurrent?: boolean;
}

const byDateThenId = (a: IDataObject, b: IDataObject) =>
	String(a.dateAdded).localeCompare(String(b.dateAdded)) ||
	String(a.id).localeCompare(String(b.id));

/** Work done before the record that marks an activity as logged (tasks, tags), so that a run finding that record
 * knows everything was done, and a run that failed half-way redoes the rest. */
export type FollowUps = () => Promise<void>;

const noFollowUps: FollowUps = async () => {};

/**
 * Adds the note unless the contact already has one with the marker; the follow-ups run first. Two runs for the
 * same activity at once (a webhook delivered twice before the first run ended) can both find none and both
 * write; so each run looks again after writing, and the one whose note is not the first (earliest, then lowest
 * id: every run picks alike) deletes its own and reports `concurrent`.
 */
export async function addNoteOnce(
	this: IExecuteFunctions,
	contactId: string,
	marker: string,
	text: string,
	followUps = noFollowUps,
): Promise<Written> {
	const [existing] = await markedRecords.call(this, contactId, 'notes', marker);
	if (existing) return { id: String(existing.id), written: false };
	await followUps();
	const { note } = await highLevelApiRequest.call(
		this,
		'POST',
		path`/contacts/${contactId}/notes`,
		{
			body: { body: `${text}\n${marker}` },
			scope: 'contacts.write',
		},
	);
	const ownId = String((note as IDataObject).id);

	const [first] = (await markedRecords.call(this, contactId, 'notes', marker)).sort(byDateThenId);
	if (!first || String(first.id) === ownId) return { id: ownId, written: true };
	await highLevelApiRequest.call(this, 'DELETE', path`/contacts/${contactId}/notes/${ownId}`, {
		scope: 'contacts.write',
	});
	return { id: String(first.id), written: false, concurrent: true };
}

/** Deletes a record this run wrote when another one carries the same marker (a concurrent run wrote it);
 * true when it did. */
export async function dropIfMarkedTwice(
	this: IExecuteFunctions,
	contactId: string,
	collection: 'notes' | 'tasks',
	marker: string,
	ownId: string,
): Promise<boolean> {
	const others = (await markedRecords.call(this, contactId, collection, marker)).filter(
		(record) => String(record.id) !== ownId,
	);
	if (!others.length) return false;
	await highLevelApiRequest.call(
		this,
		'DELETE',
		path`/contacts/${contactId}/${collection}/${ownId}`,
		{
			scope: 'contacts.write',
		},
	);
	return true;
}

/** Every scope logging as a conversation message uses: find or start the conversation, read it, add to it. */
const CONVERSATION_SCOPES = [
	'conversations.readonly',
	'conversations.write',
	'conversations/message.readonly',
	'conversations/message.write',
];

/**
 * The conversation provider to log the item under when it is logged as a conversation message, checked (with the
 * credential's scopes) before any request; undefined when it is logged as a note.
 */
export async function conversationProviderOf(
	this: IExecuteFunctions,
	i: number,
): Promise<string | undefined> {
	if (this.getNodeParameter('logAs', i, 'note') !== 'conversation') return undefined;
	const providerId = requiredText(
		this,
		this.getNodeParameter('conversationProviderId', i, ''),
		'Conversation Provider ID',
		i,
	);
	await requireScopes.call(this, CONVERSATION_SCOPES);
	return providerId;
}

export interface ConversationEntry {
	/** The conversation message type: Call or SMS. */
	type: 'Call' | 'SMS';
	direction: 'Inbound' | 'Outbound';
	text: string;
	date?: string;
	call?: IDataObject;
	attachments: string[];
}

async function conversationOf(this: IExecuteFunctions, contactId: string): Promise<string> {
	const { locationId } = await getConnection.call(this);
	const { conversations } = await highLevelApiRequest.call(this, 'GET', '/conversations/search', {
		qs: { locationId, contactId },
		version: API_VERSION.conversations,
		scope: 'conversations.readonly',
	});
	const [existing] = (conversations ?? []) as IDataObject[];
	if (existing) return String(existing.id);
	const { conversation } = await highLevelApiRequest.call(this, 'POST', '/conversations/', {
		body: { locationId, contactId },
		version: API_VERSION.conversations,
		scope: 'conversations.write',
	});
	return String((conversation as IDataObject).id);
}

/** The spec puts a page of messages at the top level; live answers have been seen nesting it under `messages`. */
function messagePage(response: IDataObject): IDataObject {
	return Array.isArray(response.messages) ? response : ((response.messages ?? {}) as IDataObject);
}

const timeOf = (date: unknown) => Date.parse(String(date));

/**
 * The first message of the conversation that `matches`, reading the inbox page by page, newest first. A message
 * this node logged is dated at its activity's time (or later, should HighLevel keep the time of writing), so the
 * search ends with the page that reaches back past that time.
 */
async function findMessage(
	this: IExecuteFunctions,
	conversationId: string,
	since: string | undefined,
	matches: (message: IDataObject) => boolean,
): Promise<IDataObject | undefined> {
	const earliest = since === undefined ? -Infinity : timeOf(since);
	let lastMessageId: string | undefined;
	for (;;) {
		const page = messagePage(
			await highLevelApiRequest.call(this, 'GET', path`/conversations/${conversationId}/messages`, {
				qs: lastMessageId ? { lastMessageId } : {},
				version: API_VERSION.conversations,
				scope: 'conversations/message.readonly',
			}),
		);
		const messages = (page.messages ?? []) as IDataObject[];
		const found = messages.find(matches);
		if (found) return found;
		const next =
			page.nextPage === true && page.lastMessageId ? String(page.lastMessageId) : undefined;
		const reachedBack = messages.some((message) => timeOf(message.dateAdded) < earliest);
		if (!next || next === lastMessageId || reachedBack) return undefined;
		lastMessageId = next;
	}
}

/**
 * Logs the activity in the contact's conversation, once: the marker is part of the message text, except for
 * outbound calls, which HighLevel records without text; those are recognised by their type, direction and time.
 */
export async function addConversationMessageOnce(
	this: IExecuteFunctions,
	conversationProviderId: string,
	contactId: string,
	marker: string,
	entry: ConversationEntry,
	followUps = noFollowUps,
): Promise<Written> {
	const conversationId = await conversationOf.call(this, contactId);
	const outboundCall = entry.type === 'Call' && entry.direction === 'Outbound';
	const existing = await findMessage.call(this, conversationId, entry.date, (message) =>
		outboundCall
			? message.messageType === 'TYPE_CALL' &&
				message.direction === 'outbound' &&
				timeOf(message.dateAdded) === timeOf(entry.date)
			: String(message.body ?? '').includes(marker),
	);
	if (existing) return { id: String(existing.id), written: false };
	await followUps();

	const common = {
		type: entry.type,
		conversationId,
		conversationProviderId,
		...(entry.date ? { date: entry.date } : {}),
		...(entry.call ? { call: entry.call } : {}),
		...(entry.attachments.length ? { attachments: entry.attachments } : {}),
	};
	// only inbound messages carry a text; the outbound endpoint logs external calls
	const response = outboundCall
		? await highLevelApiRequest.call(this, 'POST', '/conversations/messages/outbound', {
				body: common,
				version: API_VERSION.conversations,
				scope: 'conversations/message.write',
			})
		: await highLevelApiRequest.call(this, 'POST', '/conversations/messages/inbound', {
				body: { ...common, contactId, message: `${entry.text}\n${marker}` },
				version: API_VERSION.conversations,
				scope: 'conversations/message.write',
			});
	return { id: String(response.messageId), written: true };
}

/** Parameters both activity operations show: where the contact's number is, and what to do without a contact. */
export function activityProperties(kind: ActivityKind): INodeProperties[] {
	const itemKind = kind === 'call' ? 'call record or call event' : 'message or voicemail';
	return [
		{
			displayName: `The fields below read the ${itemKind} of a RingCentral node or trigger; change any of them to map other data`,
			name: 'activityNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'string',
			default: '={{ $json.direction }}',
			description:
				'"Inbound" or "Outbound". The contact is the caller or sender of inbound activity, the called party or recipient of outbound activity.',
		},
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: '={{ $json.fromE164 }}',
			description:
				'Phone number (any common format), or a RingCentral party object with a phoneNumber',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '={{ $json.toE164 }}',
			description:
				'Phone number, a RingCentral party object, or a list of them (the first usable number counts)',
		},
		{
			displayName: 'Contact Name',
			name: 'contactName',
			type: 'string',
			default:
				"={{ $json.direction === 'Outbound' ? ($json.toName ?? $json.to?.name) : ($json.fromName ?? $json.from?.name) }}",
			description:
				'Name of the other party, shown in the note and given to a contact created for the number',
		},
		{
			displayName: 'Create Contact If Unknown',
			name: 'createContact',
			type: 'boolean',
			default: false,
			description:
				'Whether to create a HighLevel contact for a number no contact has; otherwise such items are skipped',
		},
		{
			displayName: 'Log As',
			name: 'logAs',
			type: 'options',
			options: [
				{ name: 'Note', value: 'note', description: 'A note on the contact' },
				{
					name: 'Conversation Message',
					value: 'conversation',
					description:
						"A message in the contact's conversation; needs the conversations scopes and a conversation provider",
				},
			],
			default: 'note',
		},
		{
			displayName: 'Conversation Provider ID',
			name: 'conversationProviderId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The conversation provider of your HighLevel marketplace app that the messages are logged under',
			displayOptions: { show: { logAs: ['conversation'] } },
		},
		defaultCountryParameter,
	];
}

/** Lines of a note ("Label: value"), leaving out the ones without a value. */
export function noteLines(lines: Array<[string, string | undefined]>): string {
	return lines
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([label, value]) => (label ? `${label}: ${value}` : String(value)))
		.join('\n');
}
