import type { SimRequest, SimResponse } from '../common/http';
import { apiError, invalidParameter, notFound, oauthError, type RcError } from './errors';
import type { Events } from './events';
import { isError, type OAuthServer } from './oauth';
import {
	ACCOUNT_ID,
	byNewest,
	type CallRecord,
	type Extension,
	type Message,
	type RingCentralState,
} from './state';
import type { Subscriptions } from './subscriptions';
import {
	callRecordView,
	contactView,
	directoryView,
	extensionView,
	messageView,
	paged,
	phoneNumberView,
} from './views';

/** The vendor operations the simulator implements, keyed by the spec's operationId. */

export interface Backend {
	state: RingCentralState;
	oauth: OAuthServer;
	subscriptions: Subscriptions;
	events: Events;
	baseUrl(): string;
}

export interface ApiCall {
	request: SimRequest;
	/** query after the spec's type coercion */
	query: Record<string, unknown>;
	params: Record<string, string>;
	/** the extension the access token belongs to (empty for the OAuth endpoints) */
	ownerId: string;
}

type Handler = (call: ApiCall) => SimResponse | Promise<SimResponse>;

const DAY_MS = 24 * 3600 * 1000;
const SMS_MAX_LENGTH = 1000;
const ADDRESS_BOOK_SYNC_PAGE = 250;

const ok = (body?: unknown): SimResponse => ({ status: 200, body });
const fail = (error: RcError): SimResponse => error;

export function apiRoutes(backend: Backend): Record<string, Handler> {
	const { state, oauth, subscriptions, events } = backend;

	/** `{accountId}`/`{extensionId}` of the path: `~` means the token's own. */
	const target = (call: ApiCall): Extension | RcError => {
		if (call.params.accountId !== undefined && !['~', ACCOUNT_ID].includes(call.params.accountId)) {
			return notFound('accountId', call.params.accountId);
		}
		const id =
			call.params.extensionId === undefined || call.params.extensionId === '~'
				? call.ownerId
				: call.params.extensionId;
		return state.extension(id) ?? notFound('extensionId', id);
	};

	const listPage = <T>(call: ApiCall, records: T[], defaultPerPage = 100) => {
		const perPage =
			call.query.perPage === 'max' ? 1000 : Number(call.query.perPage ?? defaultPerPage);
		const page = Number(call.query.page ?? 1);
		return paged(
			records,
			{ baseUrl: backend.baseUrl(), path: call.request.path, query: call.request.query },
			page,
			perPage,
		);
	};

	/** dateFrom defaults to dateTo minus 24 h and dateTo to now, as for the call log and the message store. */
	const inDateRange = (call: ApiCall, time: string) => {
		const to = call.query.dateTo ? Date.parse(String(call.query.dateTo)) : Date.now();
		const from = call.query.dateFrom ? Date.parse(String(call.query.dateFrom)) : to - DAY_MS;
		const at = Date.parse(time);
		return at >= from && at <= to;
	};

	const among = (value: unknown, allowed: unknown) =>
		allowed === undefined || [allowed].flat().map(String).includes(String(value));

	const callLog = (call: ApiCall, accountLevel: boolean): SimResponse => {
		const extension = target(call);
		if (isError(extension)) return fail(extension);
		const { query } = call;
		const digits =
			query.phoneNumber === undefined ? undefined : String(query.phoneNumber).replace(/\D/g, '');
		const records = state.callLog
			.filter((r) => accountLevel || r.extensionId === extension.id)
			.filter((r) => inDateRange(call, r.startTime))
			.filter((r) => among(r.direction, query.direction) && among(r.type, query.type))
			.filter((r) => !query.withRecording || r.recording !== undefined)
			.filter((r) => query.recordingType === undefined || r.recording !== undefined)
			.filter(
				(r) =>
					among(r.sessionId, query.sessionId) &&
					among(r.telephonySessionId, query.telephonySessionId),
			)
			.filter(
				(r) =>
					digits === undefined ||
					[r.from, r.to].some(
						(p) => (p as { phoneNumber?: string }).phoneNumber?.replace(/\D/g, '') === digits,
					),
			)
			.sort(byNewest);
		const view = query.view === 'Detailed' ? 'Detailed' : 'Simple';
		const page = listPage(call, records);
		return ok({
			...page,
			records: page.records.map((r) => callRecordView(r, backend.baseUrl(), view)),
		});
	};

	const callRecord = (call: ApiCall, accountLevel: boolean): SimResponse => {
		const extension = target(call);
		if (isError(extension)) return fail(extension);
		const id = call.params.callRecordId;
		const record = state.callLog.find(
			(r) => r.id === id && (accountLevel || r.extensionId === extension.id),
		);
		if (!record) return fail(notFound('callRecordId', id));
		return ok(
			callRecordView(
				record,
				backend.baseUrl(),
				call.query.view === 'Detailed' ? 'Detailed' : 'Simple',
			),
		);
	};

	/** call-log-sync: FSync returns the newest `recordCount` records, ISync what changed since the token. */
	const callLogSync = (call: ApiCall, accountLevel: boolean): SimResponse => {
		const extension = target(call);
		if (isError(extension)) return fail(extension);
		const since = call.query.syncType === 'ISync' ? readSyncToken(call.query.syncToken) : 0;
		if (since === undefined) return fail(invalidParameter('syncToken'));
		const missedOnly = [call.query.statusGroup].flat().includes('Missed');
		let records = state.callLog
			.filter((r) => accountLevel || r.extensionId === extension.id)
			.filter((r) => r.version > since)
			.filter((r) => !missedOnly || ['Missed', 'Voicemail'].includes(r.result))
			.filter(
				(r) =>
					!call.query.dateFrom ||
					Date.parse(r.startTime) >= Date.parse(String(call.query.dateFrom)),
			)
			.sort(byNewest);
		if (call.query.syncType !== 'ISync')
			records = records.slice(0, Number(call.query.recordCount ?? 250));
		else if (records.length > 250) {
			return fail(
				invalidParameter(
					'syncToken',
					'Parameter [syncToken] is invalid [max sync record number limit is exceeded]',
				),
			);
		}
		return ok({
			uri: `${backend.baseUrl()}${call.request.path}`,
			records: records.map((r: CallRecord) => callRecordView(r, backend.baseUrl())),
			syncInfo: {
				syncType: call.query.syncType ?? 'FSync',
				syncToken: syncToken(state.currentVersion),
				syncTime: new Date().toISOString(),
			},
		});
	};

	const messageFilter = (call: ApiCall, extension: Extension) => (m: Message) =>
		m.extensionId === extension.id &&
		m.availability === 'Alive' &&
		among(m.type, call.query.messageType) &&
		among(m.direction, call.query.direction) &&
		among(m.readStatus, call.query.readStatus) &&
		among(m.conversationId, call.query.conversationId);

	const findContact = (call: ApiCall) => {
		const extension = target(call);
		if (isError(extension)) return extension;
		const id = Number(call.params.contactId);
		const contact = state.contacts.find(
			(c) => c.id === id && c.extensionId === extension.id && c.availability === 'Alive',
		);
		return contact ?? notFound('contactId', call.params.contactId);
	};

	/** PUT replaces the contact, PATCH changes only the fields sent. */
	const changeContactRoute = (call: ApiCall, action: 'update' | 'patch') => {
		const contact = findContact(call);
		if (isError(contact)) return fail(contact);
		const updated = events.changeContact({
			action,
			id: contact.id,
			contact: call.request.body as Record<string, unknown>,
		});
		return ok(contactView(updated, backend.baseUrl()));
	};

	const subscription = (call: ApiCall) =>
		subscriptions.find(call.params.subscriptionId, call.ownerId);

	return {
		// OAuth
		authorize: (call) => {
			const {
				client_id: clientId,
				redirect_uri: redirectUri,
				state: clientState,
			} = call.query as Record<string, string | undefined>;
			if (clientId !== oauth.client.clientId)
				return fail(
					oauthError('invalid_client', 'OAU-153', `Invalid client: ${clientId ?? ''}`, 'client_id'),
				);
			if (!redirectUri)
				return fail(
					oauthError(
						'invalid_request',
						'OAU-113',
						'No redirect uri is registered for the client',
						'redirect_uri',
					),
				);
			const location = new URL(redirectUri);
			location.searchParams.set('code', oauth.issueCode(undefined, redirectUri));
			if (clientState !== undefined) location.searchParams.set('state', clientState);
			location.searchParams.set('expires_in', String(oauth.codeTtlSec));
			return { status: 302, headers: { Location: location.toString() } };
		},
		getToken: (call) => {
			const clientError = oauth.authenticateClient(call.request.headers.authorization);
			if (clientError) return fail(clientError);
			const result = oauth.exchange(call.request.body as Record<string, unknown>);
			return isError(result) ? fail(result) : ok(result);
		},
		revokeToken: (call) => {
			const clientError = oauth.authenticateClient(call.request.headers.authorization);
			if (clientError) return fail(clientError);
			oauth.revoke(
				((call.request.body as Record<string, string> | undefined)?.token ?? call.query.token) as
					string | undefined,
			);
			return { status: 200 };
		},

		// Account and extension
		readExtension: (call) => {
			const extension = target(call);
			return isError(extension) ? fail(extension) : ok(extensionView(extension, backend.baseUrl()));
		},
		listExtensionPhoneNumbers: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const numbers = phoneNumberView(extension, backend.baseUrl()).filter((n) =>
				among(n.usageType, call.query.usageType),
			);
			return ok(listPage(call, numbers));
		},
		listDirectoryEntries: (call) => {
			const entries = state.directory.filter((e) => among(e.type, call.query.type));
			const page = listPage(call, entries.map(directoryView), 1000);
			return ok({ records: page.records, paging: page.paging });
		},
		readDirectoryEntry: (call) => {
			const entry = state.directory.find((e) => e.id === call.params.entryId);
			return entry ? ok(directoryView(entry)) : fail(notFound('entryId', call.params.entryId));
		},

		// Call log
		readUserCallLog: (call) => callLog(call, false),
		readCompanyCallLog: (call) => callLog(call, true),
		readUserCallRecord: (call) => callRecord(call, false),
		readCompanyCallRecord: (call) => callRecord(call, true),
		syncUserCallLog: (call) => callLogSync(call, false),
		syncAccountCallLog: (call) => callLogSync(call, true),

		// Message store and SMS
		listMessages: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const records = state.messages
				.filter(messageFilter(call, extension))
				.filter((m) => inDateRange(call, m.creationTime))
				.sort(byNewest);
			const page = listPage(call, records);
			return ok({ ...page, records: page.records.map((m) => messageView(m, backend.baseUrl())) });
		},
		readMessage: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const message = state.messages.find(
				(m) => String(m.id) === call.params.messageId && m.extensionId === extension.id,
			);
			if (!message) return fail(notFound('messageId', call.params.messageId));
			const view = messageView(message, backend.baseUrl());
			return ok({ ...view, vmSideRecipients: view.to });
		},
		syncMessages: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const since = call.query.syncType === 'ISync' ? readSyncToken(call.query.syncToken) : 0;
			if (since === undefined)
				return fail(apiError(400, 'MSG-333', 'Full synchronization is required'));
			let records = state.messages
				.filter(messageFilter(call, extension))
				.filter((m) => m.version > since)
				.sort(byNewest);
			const olderRecordsExist =
				call.query.recordCount !== undefined && records.length > Number(call.query.recordCount);
			if (olderRecordsExist) records = records.slice(0, Number(call.query.recordCount));
			return ok({
				uri: `${backend.baseUrl()}${call.request.path}`,
				records: records.map((m) => messageView(m, backend.baseUrl())),
				syncInfo: {
					syncType: call.query.syncType ?? 'FSync',
					syncToken: syncToken(state.currentVersion),
					syncTime: new Date().toISOString(),
					olderRecordsExist,
				},
			});
		},
		createSMSMessage: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const body = call.request.body as {
				from: { phoneNumber: string };
				to: Array<{ phoneNumber: string }>;
				text: string;
			};
			const sender = extension.phoneNumbers.find((n) => n.phoneNumber === body.from.phoneNumber);
			if (!sender?.features.includes('SmsSender')) {
				return fail(
					apiError(
						400,
						'MSG-304',
						`Phone number [${body.from.phoneNumber}] doesn't belong to extension or is not SMS-enabled`,
						[
							{
								errorCode: 'MSG-304',
								message: "Phone number doesn't belong to extension",
								parameterName: 'from.phoneNumber',
								parameterValue: body.from.phoneNumber,
							},
						],
					),
				);
			}
			if (body.to.length === 0) return fail(invalidParameter('to'));
			// String length is in UTF-16 code units, which is how the limit counts (a 4-byte character counts twice)
			if (body.text.length > SMS_MAX_LENGTH) {
				return fail(
					invalidParameter(
						'text',
						`Parameter [text] value is invalid: longer than ${SMS_MAX_LENGTH} characters`,
					),
				);
			}
			const { record } = events.sendSms({
				extensionId: extension.id,
				from: sender.phoneNumber,
				to: body.to.map((t) => t.phoneNumber),
				text: body.text,
			});
			const { extensionId: _extensionId, ...view } = messageView(record, backend.baseUrl());
			return ok(view);
		},

		// Personal address book
		listContacts: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const startsWith = String(call.query.startsWith ?? '').toLowerCase();
			const phones = [call.query.phoneNumber ?? []].flat().map(String);
			const records = state.contacts
				.filter((c) => c.extensionId === extension.id && c.availability === 'Alive')
				.filter(
					(c) =>
						!startsWith ||
						[c.firstName, c.lastName, c.company].some((v) =>
							String(v ?? '')
								.toLowerCase()
								.startsWith(startsWith),
						),
				)
				.filter(
					(c) => phones.length === 0 || Object.values(c).some((v) => phones.includes(String(v))),
				);
			const page = listPage(call, records);
			return ok({ ...page, records: page.records.map((c) => contactView(c, backend.baseUrl())) });
		},
		createContact: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const contact = events.changeContact({
				action: 'create',
				extensionId: extension.id,
				contact: call.request.body as Record<string, unknown>,
			});
			return ok(contactView(contact, backend.baseUrl()));
		},
		readContact: (call) => {
			const contact = findContact(call);
			return isError(contact) ? fail(contact) : ok(contactView(contact, backend.baseUrl()));
		},
		updateContact: (call) => changeContactRoute(call, 'update'),
		patchContact: (call) => changeContactRoute(call, 'patch'),
		deleteContact: (call) => {
			const contact = findContact(call);
			if (isError(contact)) return fail(contact);
			events.changeContact({ action: 'delete', id: contact.id });
			return { status: 204 };
		},
		/** FSync: all live contacts, 250 a page (nextPageId); ISync: changes since the token, deletions included. */
		syncAddressBook: (call) => {
			const extension = target(call);
			if (isError(extension)) return fail(extension);
			const isync = call.query.syncType === 'ISync';
			const since = isync ? readSyncToken(call.query.syncToken) : 0;
			if (since === undefined) return fail(invalidParameter('syncToken'));
			const perPage = Math.min(
				Number(call.query.perPage ?? ADDRESS_BOOK_SYNC_PAGE),
				ADDRESS_BOOK_SYNC_PAGE,
			);
			const offset = Number(call.query.pageId ?? 0);
			const changed = state.contacts
				.filter(
					(c) =>
						c.extensionId === extension.id &&
						c.version > since &&
						(isync || c.availability === 'Alive'),
				)
				.sort((a, b) => a.version - b.version);
			const records = changed.slice(offset, offset + perPage);
			const body: Record<string, unknown> = {
				uri: `${backend.baseUrl()}${call.request.path}`,
				records: records.map((c) => contactView(c, backend.baseUrl())),
				syncInfo: {
					syncType: isync ? 'ISync' : 'FSync',
					syncToken: syncToken(state.currentVersion),
					syncTime: new Date().toISOString(),
					olderRecordsExist: false,
				},
			};
			if (offset + perPage < changed.length) {
				const next = new URLSearchParams({
					...(call.request.query as Record<string, string>),
					pageId: String(offset + perPage),
				});
				body.nextPageId = offset + perPage;
				body.nextPageUri = `${backend.baseUrl()}${call.request.path}?${next}`;
			}
			return ok(body);
		},

		// Subscriptions
		createSubscription: async (call) => {
			const created = await subscriptions.create(
				call.ownerId,
				call.request.body as Record<string, unknown>,
			);
			return isError(created) ? fail(created) : ok(subscriptions.info(created, backend.baseUrl()));
		},
		listSubscriptions: (call) =>
			ok({
				uri: `${backend.baseUrl()}/restapi/v1.0/subscription`,
				records: subscriptions
					.live(call.ownerId)
					.map((s) => subscriptions.info(s, backend.baseUrl())),
			}),
		readSubscription: (call) => {
			const found = subscription(call);
			return isError(found) ? fail(found) : ok(subscriptions.info(found, backend.baseUrl()));
		},
		updateSubscription: (call) => {
			const found = subscription(call);
			if (isError(found)) return fail(found);
			const updated = subscriptions.update(
				found,
				(call.request.body ?? {}) as Record<string, unknown>,
			);
			return isError(updated) ? fail(updated) : ok(subscriptions.info(updated, backend.baseUrl()));
		},
		renewSubscription: (call) => {
			const found = subscription(call);
			return isError(found)
				? fail(found)
				: ok(subscriptions.info(subscriptions.renew(found), backend.baseUrl()));
		},
		deleteSubscription: (call) => {
			const found = subscription(call);
			if (isError(found)) return fail(found);
			subscriptions.remove(found);
			return { status: 204 };
		},
	};
}

/** Sync tokens are opaque to clients; here they carry the change counter they were issued at. */
function syncToken(version: number): string {
	return Buffer.from(`sim-sync:${version}`).toString('base64url');
}

function readSyncToken(token: unknown): number | undefined {
	const match = /^sim-sync:(\d+)$/.exec(Buffer.from(String(token ?? ''), 'base64url').toString());
	return match ? Number(match[1]) : undefined;
}
