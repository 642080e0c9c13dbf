/**
 * The in-memory RingCentral account: one account, a few extensions with their phone numbers, and per-extension
 * call log, message store and personal address book, plus the company directory. Records are stored in the shape the
 * spec returns (CallLogRecord, GetMessageInfoResponse, PersonalContactResource, ContactResource) minus the `uri`,
 * which depends on the server's address and is added when a record is served.
 */

export const ACCOUNT_ID = '400131234008';

export interface PhoneNumber {
	id: number;
	phoneNumber: string;
	usageType: 'DirectNumber' | 'MainCompanyNumber';
	features: string[];
}

export interface Extension {
	id: string;
	extensionNumber: string;
	firstName: string;
	lastName: string;
	email: string;
	phoneNumbers: PhoneNumber[];
}

type Json = Record<string, unknown>;

export interface CallRecord extends Json {
	id: string;
	sessionId: string;
	telephonySessionId: string;
	startTime: string;
	direction: 'Inbound' | 'Outbound';
	type: 'Voice' | 'Fax';
	result: string;
	extensionId: string;
	lastModifiedTime: string;
	/** bumped on every change, for call-log-sync's ISync */
	version: number;
	recording?: { id: string; type: 'Automatic'; contentUri?: string };
	message?: { id: string; type: string };
}

export interface Message extends Json {
	id: number;
	extensionId: string;
	type: 'SMS' | 'VoiceMail' | 'Fax' | 'Pager';
	direction: 'Inbound' | 'Outbound';
	creationTime: string;
	lastModifiedTime: string;
	conversationId: number;
	readStatus: 'Read' | 'Unread';
	from: { phoneNumber?: string; name?: string; extensionNumber?: string };
	to: Array<{ phoneNumber?: string; name?: string; extensionNumber?: string }>;
	/** bumped on every change, for message-sync's ISync */
	version: number;
}

export interface Contact extends Json {
	id: number;
	extensionId: string;
	availability: 'Alive' | 'Deleted';
	/** bumped on every change, for address-book-sync's ISync */
	version: number;
}

export interface DirectoryEntry extends Json {
	id: string;
	type: string;
	status: string;
	firstName?: string;
	lastName?: string;
	name?: string;
	email?: string;
	extensionNumber?: string;
}

const DEFAULT_EXTENSIONS: Extension[] = [
	{
		id: '62264425008',
		extensionNumber: '101',
		firstName: 'Alex',
		lastName: 'Owner',
		email: 'alex.owner@example.com',
		phoneNumbers: [
			{
				id: 1001,
				phoneNumber: '+16505550101',
				usageType: 'DirectNumber',
				features: ['CallerId', 'SmsSender', 'MmsSender'],
			},
			{
				id: 1000,
				phoneNumber: '+16505550100',
				usageType: 'MainCompanyNumber',
				features: ['CallerId'],
			},
		],
	},
	{
		id: '62264426008',
		extensionNumber: '102',
		firstName: 'Blake',
		lastName: 'Agent',
		email: 'blake.agent@example.com',
		phoneNumbers: [
			{
				id: 1002,
				phoneNumber: '+16505550102',
				usageType: 'DirectNumber',
				features: ['CallerId', 'SmsSender'],
			},
		],
	},
	{
		id: '62264427008',
		extensionNumber: '103',
		firstName: 'Casey',
		lastName: 'Support',
		email: 'casey.support@example.com',
		phoneNumbers: [
			{ id: 1003, phoneNumber: '+16505550103', usageType: 'DirectNumber', features: ['CallerId'] },
		],
	},
];

export class RingCentralState {
	readonly extensions: Extension[] = structuredClone(DEFAULT_EXTENSIONS);
	readonly callLog: CallRecord[] = [];
	readonly messages: Message[] = [];
	readonly contacts: Contact[] = [];
	readonly directory: DirectoryEntry[] = defaultDirectory(this.extensions);
	/** (extension, external number) -> conversation id, so an SMS thread keeps its id */
	private readonly conversations = new Map<string, number>();
	/** one counter for every versioned change, so sync tokens order changes across record types */
	private version = 0;
	private nextId = 1;

	/** Back to the freshly created account (the arrays are shared with the routes, so they are emptied in place). */
	reset(): void {
		this.callLog.length = 0;
		this.messages.length = 0;
		this.contacts.length = 0;
		this.directory.splice(0, this.directory.length, ...defaultDirectory(this.extensions));
		this.conversations.clear();
		this.version = 0;
		this.nextId = 1;
	}

	get owner(): Extension {
		return this.extensions[0];
	}

	extension(id: string): Extension | undefined {
		return this.extensions.find((ext) => ext.id === id);
	}

	/** The extension owning a number, to fill `extensionId`/`extensionNumber` of internal parties. */
	extensionByNumber(phoneNumber: string): Extension | undefined {
		return this.extensions.find((ext) =>
			ext.phoneNumbers.some((n) => n.phoneNumber === phoneNumber),
		);
	}

	newId(): number {
		return 7_000_000_000 + this.nextId++;
	}

	conversationId(extensionId: string, externalNumber: string): number {
		const key = `${extensionId}|${externalNumber}`;
		if (!this.conversations.has(key)) this.conversations.set(key, this.newId());
		return this.conversations.get(key)!;
	}

	nextVersion(): number {
		return ++this.version;
	}

	get currentVersion(): number {
		return this.version;
	}
}

function defaultDirectory(extensions: Extension[]): DirectoryEntry[] {
	return extensions.map((ext) => ({
		id: ext.id,
		type: 'User',
		status: 'Enabled',
		firstName: ext.firstName,
		lastName: ext.lastName,
		email: ext.email,
		extensionNumber: ext.extensionNumber,
		phoneNumbers: ext.phoneNumbers.map((number) => ({
			phoneNumber: number.phoneNumber,
			e164: number.phoneNumber,
			type: 'VoiceFax',
			usageType: number.usageType,
		})),
	}));
}

/** Newest first, as RingCentral lists call records and messages. */
export function byNewest<T extends { startTime?: unknown; creationTime?: unknown }>(
	a: T,
	b: T,
): number {
	const time = (record: T) => String(record.startTime ?? record.creationTime);
	return time(b).localeCompare(time(a));
}
