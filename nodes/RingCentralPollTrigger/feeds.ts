import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ringCentralApiRequest, ringCentralApiRequestAllItems } from '../RingCentral/transport';
import {
	simplifyCallLogRecord,
	simplifyContact,
	simplifyMessage,
} from '../RingCentral/helpers/items';

const EXTENSION = '/restapi/v1.0/account/~/extension/~';

/**
 * A time-window cursor: each poll reads everything from the previous poll time minus `lateness`, and emits
 * the records it did not see last time. The overlap catches records that show up after newer ones (a call
 * enters the call log only once it ends); the ids seen in the previous window keep each record to one run.
 */
interface WindowCursor {
	lastPollTime: string;
	seenIds: string[];
}

/** One poll of a time-window feed; empty on the first activation, which only learns what already exists. */
async function pollWindow(
	this: IPollFunctions,
	cursorKey: string,
	latenessMs: number,
	fetchSince: (dateFrom: string) => Promise<IDataObject[]>,
): Promise<IDataObject[]> {
	const state = this.getWorkflowStaticData('node');
	const previous = state[cursorKey] as WindowCursor | undefined;
	const now = new Date();
	const windowStart = Date.parse(previous?.lastPollTime ?? now.toISOString()) - latenessMs;
	const records = await fetchSince(new Date(windowStart).toISOString());

	const seen = new Set(previous?.seenIds ?? []);
	state[cursorKey] = {
		lastPollTime: now.toISOString(),
		seenIds: records.map((record) => String(record.id)),
	} satisfies WindowCursor;
	return previous ? records.filter((record) => !seen.has(String(record.id))) : [];
}

/** Calls enter the call log when they end, so the window must outlast a long call. */
const CALL_LATENESS_MS = 4 * 60 * 60 * 1000;
const MESSAGE_LATENESS_MS = 10 * 60 * 1000;
/** How far back manual mode looks for a sample (the list APIs default to the last 24 hours). */
const SAMPLE_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

/** A list endpoint read through a time-window cursor. */
interface WindowFeed {
	path: string;
	cursorKey: string;
	latenessMs: number;
	/** The record's time field, to emit the oldest first. */
	timeField: string;
	simplify: (record: IDataObject) => IDataObject;
}

/** The feed's new records, or in manual mode the latest one as a sample, leaving the cursor alone. */
async function pollFeed(
	this: IPollFunctions,
	feed: WindowFeed,
	query: IDataObject,
	keep?: (record: IDataObject) => boolean,
): Promise<IDataObject[]> {
	const list = async (dateFrom: string, limit?: number) =>
		await ringCentralApiRequestAllItems.call(
			this,
			'GET',
			feed.path,
			undefined,
			{ ...query, perPage: 100, dateFrom },
			{ limit, keep },
		);

	if (this.getMode() === 'manual') {
		const sampleDateFrom = new Date(Date.now() - SAMPLE_PERIOD_MS).toISOString();
		return (await list(sampleDateFrom, 1)).map(feed.simplify);
	}

	const records = await pollWindow.call(this, feed.cursorKey, feed.latenessMs, list);
	const time = (record: IDataObject) => Date.parse(String(record[feed.timeField]));
	return records.sort((a, b) => time(a) - time(b)).map(feed.simplify);
}

const CALL_FEED: WindowFeed = {
	path: `${EXTENSION}/call-log`,
	cursorKey: 'callLog',
	latenessMs: CALL_LATENESS_MS,
	timeField: 'startTime',
	simplify: simplifyCallLogRecord,
};

const MESSAGE_FEED: WindowFeed = {
	path: `${EXTENSION}/message-store`,
	cursorKey: 'messageStore',
	latenessMs: MESSAGE_LATENESS_MS,
	timeField: 'creationTime',
	simplify: simplifyMessage,
};

export async function newCalls(this: IPollFunctions): Promise<IDataObject[]> {
	const missedOnly = this.getNodeParameter('missedOnly', false) as boolean;
	const keep = (record: IDataObject) => !missedOnly || record.result === 'Missed';
	return await pollFeed.call(this, CALL_FEED, { type: ['Voice'] }, keep);
}

export async function newMessages(this: IPollFunctions): Promise<IDataObject[]> {
	const messageType = this.getNodeParameter('messageTypes', []) as string[];
	return await pollFeed.call(this, MESSAGE_FEED, { messageType });
}

interface AddressBookPage extends IDataObject {
	records?: IDataObject[];
	syncInfo?: { syncToken?: string };
	nextPageId?: number;
}

const ADDRESS_BOOK_SYNC = `${EXTENSION}/address-book-sync`;

/** Every page of one address-book sync; the last page's syncToken is where the next sync starts. */
async function syncAddressBook(
	this: IPollFunctions,
	query: IDataObject,
): Promise<{ records: IDataObject[]; syncToken?: string }> {
	const records: IDataObject[] = [];
	let page: AddressBookPage = {};
	do {
		const pageId = page.nextPageId === undefined ? {} : { pageId: page.nextPageId };
		page = await ringCentralApiRequest.call(this, 'GET', ADDRESS_BOOK_SYNC, undefined, {
			...query,
			...pageId,
		});
		records.push(...(page.records ?? []));
	} while (page.nextPageId !== undefined);
	return { records, syncToken: page.syncInfo?.syncToken };
}

/**
 * Contacts have no webhook, so changes come from address-book sync: a full sync (FSync) on the first
 * activation only records where "now" is; each later poll asks for what changed since (ISync).
 */
export async function changedContacts(this: IPollFunctions): Promise<IDataObject[]> {
	if (this.getMode() === 'manual') {
		const page: AddressBookPage = await ringCentralApiRequest.call(
			this,
			'GET',
			ADDRESS_BOOK_SYNC,
			undefined,
			{
				syncType: 'FSync',
				perPage: 1,
			},
		);
		return (page.records ?? []).slice(0, 1).map(simplifyContact);
	}

	const state = this.getWorkflowStaticData('node');
	const syncToken = state.addressBookSyncToken as string | undefined;
	const sync = await syncAddressBook.call(
		this,
		syncToken ? { syncType: 'ISync', syncToken } : { syncType: 'FSync' },
	);
	if (sync.syncToken) state.addressBookSyncToken = sync.syncToken;
	return syncToken ? sync.records.map(simplifyContact) : [];
}
