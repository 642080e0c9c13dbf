import type { IDataObject } from 'n8n-workflow';

import {
	ringCentralApiRequest,
	ringCentralApiRequestAllItems,
} from '../../../nodes/RingCentral/transport';
import { RingCentralPollTrigger } from '../../../nodes/RingCentralPollTrigger/RingCentralPollTrigger.node';
import { pollContext } from './triggerFakes';

jest.mock('../../../nodes/RingCentral/transport', () => ({
	ringCentralApiRequest: jest.fn(),
	ringCentralApiRequestAllItems: jest.fn(),
}));
const request = jest.mocked(ringCentralApiRequest);
const requestAll = jest.mocked(ringCentralApiRequestAllItems);

const trigger = new RingCentralPollTrigger();
const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-03-01T12:00:00.000Z');

const call = (id: string, startTime: string, result = 'Accepted'): IDataObject => ({
	id,
	startTime,
	result,
	direction: 'Inbound',
	duration: 30,
	from: { phoneNumber: '+14155550100', name: 'Caller' },
	to: { phoneNumber: '+14155550199' },
});

/** A fake call log: answers like the transport, with the records started at or after dateFrom that `keep` keeps. */
function callLog(records: IDataObject[]) {
	requestAll.mockImplementation(async (_method, _endpoint, _body, qs, options) =>
		records.filter(
			(record) =>
				Date.parse(String(record.startTime)) >= Date.parse(String(qs?.dateFrom)) &&
				(options?.keep?.(record) ?? true),
		),
	);
}

/** One poll at `time`, after a "restart": the static data only survives as JSON, like n8n's database copy. */
async function pollAt(
	time: number,
	parameters: IDataObject,
	saved: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
) {
	jest.setSystemTime(time);
	const staticData = JSON.parse(JSON.stringify(saved)) as IDataObject;
	const result = await trigger.poll.call(pollContext(parameters, staticData, mode));
	return { ids: result?.[0].map((item) => item.json.id) ?? null, result, staticData };
}

beforeEach(() => {
	request.mockReset();
	requestAll.mockReset();
	jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

describe('new calls', () => {
	const parameters = { event: 'newCall' };

	it('starts from now, then emits each call exactly once across restarts', async () => {
		const log = [call('old', '2026-03-01T11:30:00.000Z')];
		callLog(log);

		const first = await pollAt(T0, parameters, {});
		expect(first.result).toBeNull();

		log.push(call('c1', '2026-03-01T12:03:00.000Z'), call('c2', '2026-03-01T12:02:00.000Z'));
		const second = await pollAt(T0 + 5 * MINUTE, parameters, first.staticData);
		expect(second.ids).toEqual(['c2', 'c1']);

		const third = await pollAt(T0 + 10 * MINUTE, parameters, second.staticData);
		expect(third.result).toBeNull();

		// a long call enters the log only once it has ended, after newer calls were already emitted
		log.push(call('late', '2026-03-01T11:58:00.000Z'));
		const fourth = await pollAt(T0 + 15 * MINUTE, parameters, third.staticData);
		expect(fourth.ids).toEqual(['late']);

		const fifth = await pollAt(T0 + 20 * MINUTE, parameters, fourth.staticData);
		expect(fifth.result).toBeNull();
	});

	it('asks for voice calls from the previous poll minus the late-arrival window', async () => {
		callLog([]);
		const first = await pollAt(T0, parameters, {});
		await pollAt(T0 + 5 * MINUTE, parameters, first.staticData);

		expect(requestAll).toHaveBeenLastCalledWith(
			'GET',
			'/restapi/v1.0/account/~/extension/~/call-log',
			undefined,
			{ type: ['Voice'], perPage: 100, dateFrom: new Date(T0 - 4 * HOUR).toISOString() },
			expect.anything(),
		);
	});

	it('keeps only missed calls when asked to, with E.164 numbers', async () => {
		const log: IDataObject[] = [];
		callLog(log);
		const first = await pollAt(T0, { ...parameters, missedOnly: true }, {});
		log.push(
			call('answered', '2026-03-01T12:01:00.000Z'),
			call('missed', '2026-03-01T12:02:00.000Z', 'Missed'),
		);

		const { result } = await pollAt(
			T0 + MINUTE * 5,
			{ ...parameters, missedOnly: true },
			first.staticData,
		);

		expect(result?.[0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: 'missed',
				missed: true,
				result: 'Missed',
				fromE164: '+14155550100',
				toE164: '+14155550199',
				fromName: 'Caller',
			}),
		]);
	});

	it('returns the latest call as a sample in manual mode, leaving the cursor alone', async () => {
		requestAll.mockResolvedValueOnce([call('latest', '2026-02-20T10:00:00.000Z')]);
		const saved = { callLog: { lastPollTime: 'x', seenIds: ['a'] } };

		const { ids, staticData } = await pollAt(T0, parameters, saved, 'manual');

		expect(ids).toEqual(['latest']);
		expect(staticData).toEqual(saved);
		expect(requestAll.mock.calls[0][4]).toEqual(expect.objectContaining({ limit: 1 }));
	});
});

describe('new messages', () => {
	it('filters by the selected types and emits each new message once', async () => {
		const parameters = { event: 'newMessage', messageTypes: ['SMS', 'VoiceMail'] };
		const store: IDataObject[] = [];
		requestAll.mockImplementation(async () => store);

		const first = await pollAt(T0, parameters, {});
		store.push({ id: 1, type: 'SMS', subject: 'hi', creationTime: '2026-03-01T12:01:00.000Z' });
		const second = await pollAt(T0 + MINUTE * 2, parameters, first.staticData);
		const third = await pollAt(T0 + MINUTE * 4, parameters, second.staticData);

		expect(first.result).toBeNull();
		expect(second.result?.[0].map((item) => [item.json.id, item.json.text])).toEqual([['1', 'hi']]);
		expect(third.result).toBeNull();
		expect(requestAll.mock.calls[1][3]).toEqual(
			expect.objectContaining({ messageType: ['SMS', 'VoiceMail'] }),
		);
	});
});

describe('changed contacts', () => {
	const parameters = { event: 'contactChanged' };

	it('full-syncs every page on activation, then emits what each incremental sync reports', async () => {
		request
			.mockResolvedValueOnce({
				records: [{ id: 1 }],
				nextPageId: 2,
				syncInfo: { syncToken: 'page-1' },
			})
			.mockResolvedValueOnce({ records: [{ id: 2 }], syncInfo: { syncToken: 'full' } })
			.mockResolvedValueOnce({
				records: [
					{ id: 2, firstName: 'Ann', mobilePhone: '+1 415 555 0100', availability: 'Alive' },
				],
				syncInfo: { syncToken: 'next' },
			})
			.mockResolvedValueOnce({ records: [], syncInfo: { syncToken: 'last' } });

		const first = await pollAt(T0, parameters, {});
		const second = await pollAt(T0 + MINUTE, parameters, first.staticData);
		const third = await pollAt(T0 + 2 * MINUTE, parameters, second.staticData);

		expect(request.mock.calls.map((args) => args[3])).toEqual([
			{ syncType: 'FSync' },
			{ syncType: 'FSync', pageId: 2 },
			{ syncType: 'ISync', syncToken: 'full' },
			{ syncType: 'ISync', syncToken: 'next' },
		]);
		expect(first.result).toBeNull();
		expect(second.result?.[0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				id: '2',
				firstName: 'Ann',
				phoneE164: '+14155550100',
				deleted: false,
			}),
		]);
		expect(third.result).toBeNull();
		expect(third.staticData.addressBookSyncToken).toBe('last');
	});

	it('returns one contact as a sample in manual mode without a sync token', async () => {
		request.mockResolvedValueOnce({
			records: [{ id: 9, lastName: 'Doe' }],
			syncInfo: { syncToken: 't' },
		});
		const { ids, staticData } = await pollAt(T0, parameters, {}, 'manual');
		expect(ids).toEqual(['9']);
		expect(staticData).toEqual({});
	});
});
