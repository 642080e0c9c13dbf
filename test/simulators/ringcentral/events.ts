import {
	ACCOUNT_ID,
	type CallRecord,
	type Contact,
	type DirectoryEntry,
	type Message,
	type RingCentralState,
} from './state';
import type { Delivery, Notification, Subscriptions } from './subscriptions';
import { extensionPath, messageView } from './views';

/**
 * Things that happen on the account: each function changes the state first (so a receiver that fetches on
 * notification finds the record) and then publishes the notifications the platform sends, with the event paths and
 * bodies of shared/notes/ringcentral.md §4. `delivered` settles when every matching webhook has been called.
 */

export interface Published<T> {
	record: T;
	delivered: Promise<Delivery[]>;
}

export interface CallOptions {
	/** the extension taking or placing the call; default the token owner (first extension) */
	extensionId?: string;
	/** the external party for Inbound calls, the extension's number for Outbound (default: its direct number) */
	from?: string;
	to?: string;
	direction?: 'Inbound' | 'Outbound';
	result?: 'Answered' | 'Missed' | 'Voicemail';
	durationSec?: number;
	recording?: boolean;
	/** ISO time the call started; default now minus its duration */
	startTime?: string;
	/** caller-id name of the external party */
	name?: string;
}

export interface SmsOptions {
	extensionId?: string;
	/** external number (receiveSms) or one of the extension's numbers (sendSms; default its direct number) */
	from?: string;
	to?: string | string[];
	text: string;
	creationTime?: string;
}

export interface VoicemailOptions {
	extensionId?: string;
	from: string;
	durationSec?: number;
	/** text of the transcription; omitted means vmTranscriptionStatus NotAvailable */
	transcription?: string;
	creationTime?: string;
}

export type ContactChange =
	| { action: 'create'; extensionId?: string; contact: Record<string, unknown> }
	| { action: 'update'; id: number; contact: Record<string, unknown> }
	| { action: 'patch'; id: number; contact: Record<string, unknown> }
	| { action: 'delete'; id: number };

export type DirectoryChange =
	| { action: 'create'; entry: Partial<DirectoryEntry> & { firstName: string; lastName: string } }
	| { action: 'update'; id: string; entry: Partial<DirectoryEntry> }
	| { action: 'delete'; id: string };

const RESULTS = {
	Inbound: { Answered: 'Accepted', Missed: 'Missed', Voicemail: 'Voicemail' },
	Outbound: { Answered: 'Call connected', Missed: 'No Answer', Voicemail: 'Voicemail' },
} as const;

export class Events {
	constructor(
		private readonly state: RingCentralState,
		private readonly subscriptions: Subscriptions,
		private readonly baseUrl: () => string,
	) {}

	/** A call: a call-log record, then telephony-session events ringing -> answered/voicemail -> disconnected. */
	makeCall(options: CallOptions = {}): Published<CallRecord> {
		const record = this.addCallRecord(options);
		const direction = record.direction;
		const outcome = options.result ?? 'Answered';
		if (outcome === 'Voicemail') {
			const voicemail = this.leaveVoicemail({
				extensionId: record.extensionId,
				from: String((record.from as { phoneNumber: string }).phoneNumber),
				durationSec: options.durationSec,
			});
			record.message = { id: String(voicemail.record.id), type: 'VoiceMail' };
		}
		const missed = outcome !== 'Answered';
		const codes = [
			...(direction === 'Outbound' ? ['Setup'] : []),
			'Proceeding',
			...(outcome === 'Answered' ? ['Answered'] : outcome === 'Voicemail' ? ['VoiceMail'] : []),
			'Disconnected',
		];
		const delivered = this.inOrder(
			codes.map((code, index) => () => {
				const party: Record<string, unknown> = {
					accountId: ACCOUNT_ID,
					extensionId: record.extensionId,
					id: record.partyId,
					direction,
					from: record.from,
					to: record.to,
					status:
						code === 'Disconnected'
							? { code, reason: missed ? 'NoAnswer' : 'CallFinished' }
							: { code },
					missedCall: code === 'Disconnected' && missed,
					standAlone: false,
					muted: false,
				};
				if (record.recording && code === 'Answered')
					party.recordings = [{ id: record.recording.id, active: true }];
				return {
					paths: [
						`${extensionPath(record.extensionId)}/telephony/sessions`,
						`/restapi/v1.0/account/${ACCOUNT_ID}/telephony/sessions`,
					],
					facets: { direction, missedCall: String(party.missedCall), statusCode: code },
					body: {
						sequence: index + 1,
						sessionId: record.sessionId,
						telephonySessionId: record.telephonySessionId,
						serverId: 'simulator.ringcentral',
						eventTime: new Date().toISOString(),
						origin: { type: 'Call' },
						parties: [party],
					},
				};
			}),
		);
		return { record, delivered };
	}

	/** Stores a finished call without notifications (seeding) and returns it. */
	addCallRecord(options: CallOptions = {}): CallRecord {
		const extension = this.extension(options.extensionId);
		const direction = options.direction ?? 'Inbound';
		const own = extension.phoneNumbers[0].phoneNumber;
		const external = (direction === 'Inbound' ? options.from : options.to) ?? '+14155550123';
		const durationSec = options.result === 'Missed' ? 0 : (options.durationSec ?? 60);
		const startTime = options.startTime ?? new Date(Date.now() - durationSec * 1000).toISOString();
		const ownParty = {
			phoneNumber: own,
			extensionId: extension.id,
			extensionNumber: extension.extensionNumber,
			name: `${extension.firstName} ${extension.lastName}`,
		};
		const externalParty = {
			phoneNumber: external,
			...(options.name ? { name: options.name } : {}),
			location: 'San Francisco, CA',
		};
		const id = String(this.state.newId());
		const record: CallRecord = {
			id: `Y3${id}`,
			sessionId: id,
			telephonySessionId: `s-a0${id}`,
			partyId: `p-a0${id}-1`,
			startTime,
			duration: durationSec,
			durationMs: durationSec * 1000,
			type: 'Voice',
			direction,
			action: 'Phone Call',
			result: RESULTS[direction][options.result ?? 'Answered'],
			transport: 'PSTN',
			from: direction === 'Inbound' ? externalParty : ownParty,
			to: direction === 'Inbound' ? ownParty : externalParty,
			extensionId: extension.id,
			lastModifiedTime: new Date().toISOString(),
			version: this.state.nextVersion(),
		};
		if (options.recording && options.result !== 'Missed')
			record.recording = { id: String(this.state.newId()), type: 'Automatic' };
		this.state.callLog.push(record);
		return record;
	}

	/** An outbound SMS, as POST .../sms creates it: message-store change event for the sender. */
	sendSms(options: SmsOptions): Published<Message> {
		const extension = this.extension(options.extensionId);
		const from = options.from ?? extension.phoneNumbers[0].phoneNumber;
		const to = [options.to ?? '+14155550123'].flat();
		const message = this.addMessage({
			extensionId: extension.id,
			type: 'SMS',
			direction: 'Outbound',
			from: { phoneNumber: from, name: `${extension.firstName} ${extension.lastName}` },
			to: to.map((phoneNumber) => ({ phoneNumber, messageStatus: 'Sent' })),
			subject: options.text,
			messageStatus: 'Sent',
			readStatus: 'Read',
			creationTime: options.creationTime,
		});
		return { record: message, delivered: this.publish(this.messageStoreChange(message)) };
	}

	/** An inbound SMS: instant-message event (full message) and message-store change event (ids only). */
	receiveSms(options: SmsOptions): Published<Message> {
		const extension = this.extension(options.extensionId);
		const to = [options.to ?? extension.phoneNumbers[0].phoneNumber].flat();
		const message = this.addMessage({
			extensionId: extension.id,
			type: 'SMS',
			direction: 'Inbound',
			from: { phoneNumber: options.from ?? '+14155550123' },
			to: to.map((phoneNumber) => ({
				phoneNumber,
				name: `${extension.firstName} ${extension.lastName}`,
			})),
			subject: options.text,
			messageStatus: 'Received',
			readStatus: 'Unread',
			creationTime: options.creationTime,
		});
		const {
			uri: _uri,
			extensionId: _extensionId,
			id,
			conversationId,
			...fields
		} = messageView(message, this.baseUrl());
		const instant: Notification = {
			paths: [`${extensionPath(extension.id)}/message-store/instant`],
			facets: { type: 'SMS' },
			body: {
				...fields,
				id: String(id),
				conversationId: String(conversationId),
				ownerId: extension.id,
			},
		};
		return {
			record: message,
			delivered: this.inOrder([() => instant, () => this.messageStoreChange(message)]),
		};
	}

	/** A voicemail: VoiceMail message with audio and transcription attachments, voicemail and message-store events. */
	leaveVoicemail(options: VoicemailOptions): Published<Message> {
		const extension = this.extension(options.extensionId);
		const durationSec = options.durationSec ?? 30;
		const attachments: Array<Record<string, unknown>> = [
			{
				id: this.state.newId(),
				type: 'AudioRecording',
				contentType: 'audio/mpeg',
				vmDuration: durationSec,
				size: durationSec * 4000,
			},
		];
		if (options.transcription !== undefined) {
			attachments.push({
				id: this.state.newId(),
				type: 'AudioTranscription',
				contentType: 'text/plain',
				size: options.transcription.length,
			});
		}
		const message = this.addMessage({
			extensionId: extension.id,
			type: 'VoiceMail',
			direction: 'Inbound',
			from: { phoneNumber: options.from },
			to: [
				{
					phoneNumber: extension.phoneNumbers[0].phoneNumber,
					name: `${extension.firstName} ${extension.lastName}`,
				},
			],
			subject: `Voice Message from ${options.from}`,
			messageStatus: 'Received',
			readStatus: 'Unread',
			priority: 'Normal',
			attachments,
			vmTranscriptionStatus: options.transcription === undefined ? 'NotAvailable' : 'Completed',
			creationTime: options.creationTime,
		});
		const view = messageView(message, this.baseUrl());
		const voicemail: Notification = {
			paths: [`${extensionPath(extension.id)}/voicemail`],
			facets: {},
			body: {
				id: message.id,
				type: 'Voicemail',
				...pick(view, [
					'to',
					'from',
					'creationTime',
					'lastModifiedTime',
					'readStatus',
					'priority',
					'attachments',
					'direction',
					'availability',
					'subject',
					'messageStatus',
					'vmTranscriptionStatus',
				]),
			},
		};
		return {
			record: message,
			delivered: this.inOrder([() => voicemail, () => this.messageStoreChange(message)]),
		};
	}

	/** Address-book changes have no event filter: they only show up in address-book-sync (ISync). */
	changeContact(change: ContactChange): Contact {
		if (change.action === 'create') {
			const contact: Contact = {
				...change.contact,
				id: this.state.newId(),
				extensionId: this.extension(change.extensionId).id,
				availability: 'Alive',
				version: this.state.nextVersion(),
			};
			this.state.contacts.push(contact);
			return contact;
		}
		const contact = this.state.contacts.find(
			(c) => c.id === change.id && c.availability === 'Alive',
		);
		if (!contact) throw new Error(`no contact ${change.id}`);
		if (change.action === 'update') {
			// a full update (PUT semantics): fields left out are removed
			for (const key of Object.keys(contact))
				if (!['id', 'extensionId', 'availability', 'version'].includes(key)) delete contact[key];
			Object.assign(contact, change.contact);
		} else if (change.action === 'patch') {
			// a partial update (PATCH semantics): omitted fields stay, a null removes the field
			for (const [key, value] of Object.entries(change.contact)) {
				if (value === null) delete contact[key];
				else contact[key] = value;
			}
		} else {
			contact.availability = 'Deleted';
		}
		contact.version = this.state.nextVersion();
		return contact;
	}

	/** A company directory change and its `/directory/entries` event. */
	changeDirectory(change: DirectoryChange): Published<DirectoryEntry> {
		let entry: DirectoryEntry | undefined;
		if (change.action === 'create') {
			entry = { type: 'User', status: 'Enabled', ...change.entry, id: String(this.state.newId()) };
			this.state.directory.push(entry);
		} else {
			entry = this.state.directory.find((e) => e.id === change.id);
			if (!entry) throw new Error(`no directory entry ${change.id}`);
			if (change.action === 'update') Object.assign(entry, change.entry, { id: entry.id });
			else this.state.directory.splice(this.state.directory.indexOf(entry), 1);
		}
		const eventType = { create: 'Create', update: 'Update', delete: 'Delete' }[change.action];
		const body = { ...entry, eventType };
		return {
			record: entry,
			delivered: this.publish({
				paths: [`/restapi/v1.0/account/${ACCOUNT_ID}/directory/entries`],
				facets: {},
				body,
			}),
		};
	}

	addMessage(
		fields: Partial<Message> & Pick<Message, 'type' | 'direction' | 'from' | 'to' | 'extensionId'>,
	): Message {
		const creationTime = fields.creationTime ?? new Date().toISOString();
		const external =
			fields.direction === 'Inbound' ? fields.from.phoneNumber : fields.to[0]?.phoneNumber;
		const message: Message = {
			readStatus: 'Unread',
			availability: 'Alive',
			priority: 'Normal',
			...fields,
			id: this.state.newId(),
			creationTime,
			lastModifiedTime: creationTime,
			conversationId: this.state.conversationId(fields.extensionId, external ?? ''),
			version: this.state.nextVersion(),
		};
		if (fields.type === 'SMS')
			message.segmentCount = Math.max(1, Math.ceil(String(fields.subject ?? '').length / 160));
		this.state.messages.push(message);
		return message;
	}

	private messageStoreChange(message: Message): Notification {
		return {
			paths: [`${extensionPath(message.extensionId)}/message-store`],
			facets: { type: message.type, messageType: message.type, direction: message.direction },
			body: {
				accountId: ACCOUNT_ID,
				extensionId: message.extensionId,
				ownerId: message.extensionId,
				lastUpdated: message.lastModifiedTime,
				changes: [
					{ type: message.type, newCount: 1, updatedCount: 0, newMessageIds: [message.id] },
				],
			},
		};
	}

	private extension(id: string | undefined) {
		const extension = id === undefined ? this.state.owner : this.state.extension(id);
		if (!extension) throw new Error(`no extension ${id}`);
		return extension;
	}

	private publish(notification: Notification): Promise<Delivery[]> {
		return this.subscriptions.publish(notification);
	}

	/** Publishes one after the other, so receivers see a call's events in sequence order. */
	private async inOrder(notifications: Array<() => Notification>): Promise<Delivery[]> {
		const deliveries: Delivery[] = [];
		for (const next of notifications) deliveries.push(...(await this.publish(next())));
		return deliveries;
	}
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(
		keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]),
	);
}
