import type { IDataObject } from 'n8n-workflow';

import { RingCentral } from '../../../nodes/RingCentral/RingCentral.node';
import { fakeExecute, page, useInstantClock } from './support';
import type { FakeOptions } from './support';

useInstantClock();

const run = async (options: FakeOptions) => {
	const fake = fakeExecute(options);
	const output = await new RingCentral().execute.call(fake.context);
	return { ...fake, output: output[0] };
};

const call = (id: string, result: string): IDataObject => ({
	id,
	result,
	from: { phoneNumber: '+1 (650) 555-0101', name: 'Caller' },
	to: { extensionNumber: '101' },
});

describe('Call Log: Get', () => {
	it('reads one record of an extension, with the chosen view, and adds E.164 numbers', async () => {
		const { requests, output } = await run({
			parameters: {
				resource: 'callLog',
				operation: 'get',
				scope: 'extension',
				extensionId: '12345',
				callRecordId: 'Y3s8SK_ab-1',
				options: { view: 'Detailed' },
			},
			respond: () => ({ body: call('Y3s8SK_ab-1', 'Accepted') }),
		});

		expect(requests.map(({ method, path, qs }) => ({ method, path, qs }))).toEqual([
			{
				method: 'GET',
				path: '/restapi/v1.0/account/~/extension/12345/call-log/Y3s8SK_ab-1',
				qs: { view: 'Detailed' },
			},
		]);
		expect(output).toEqual([
			{
				json: { ...call('Y3s8SK_ab-1', 'Accepted'), fromE164: '+16505550101', toE164: null },
				pairedItem: { item: 0 },
			},
		]);
	});

	it.each([
		['', 'Call Record ID is empty [item 0]'],
		['1,2', 'Call Record ID "1,2" is not valid'],
	])('refuses the id %p before sending anything', async (callRecordId, message) => {
		const fake = fakeExecute({
			parameters: {
				resource: 'callLog',
				operation: 'get',
				scope: 'account',
				callRecordId,
				options: {},
			},
		});
		await expect(new RingCentral().execute.call(fake.context)).rejects.toThrow(message);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('Call Log: Get Many', () => {
	const base = { resource: 'callLog', operation: 'getAll', scope: 'account', options: {} };

	it('sends the filters as the spec names them, with ISO dates and big pages', async () => {
		const { requests } = await run({
			parameters: {
				...base,
				returnAll: true,
				filters: {
					dateFrom: '2026-03-01T00:00:00.000Z',
					dateTo: '2026-03-02T12:00:00+02:00',
					direction: ['Inbound'],
					type: ['Voice'],
					withRecording: true,
				},
			},
			respond: () => ({ body: page([]) }),
		});

		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/restapi/v1.0/account/~/call-log');
		expect(requests[0].qs).toEqual({
			dateFrom: '2026-03-01T00:00:00.000Z',
			dateTo: '2026-03-02T10:00:00.000Z',
			direction: ['Inbound'],
			type: ['Voice'],
			recordingType: 'All',
			view: 'Simple',
			perPage: 1000,
		});
	});

	it('asks for no more than the limit per page', async () => {
		const { requests } = await run({
			parameters: { ...base, returnAll: false, limit: 20, filters: {} },
			respond: () => ({ body: page([]) }),
		});
		expect(requests[0].qs).toEqual({ view: 'Simple', perPage: 20 });
	});

	it('Missed Only keeps calls whose result is Missed, paging on until the limit is reached', async () => {
		const pages: Record<string, IDataObject> = {
			'1': page(
				[call('a', 'Accepted'), call('b', 'Missed'), call('c', 'Voicemail')],
				'/restapi/v1.0/account/~/call-log?page=2',
			),
			'2': page(
				[call('d', 'Missed'), call('e', 'Missed')],
				'/restapi/v1.0/account/~/call-log?page=3',
			),
		};
		const { requests, output } = await run({
			parameters: { ...base, returnAll: false, limit: 2, filters: { missedOnly: true } },
			respond: (request) => ({ body: pages[String(request.qs.page ?? '1')] }),
		});

		expect(output.map((item) => item.json.id)).toEqual(['b', 'd']);
		expect(requests).toHaveLength(2);
		expect(requests[0].qs.perPage).toBe(1000);
	});

	it.each([
		[{ dateFrom: 'yesterday-ish' }, 'Date From "yesterday-ish" is not a valid date [item 0]'],
		[
			{ dateFrom: '2026-03-02T00:00:00Z', dateTo: '2026-03-01T00:00:00Z' },
			'Date From is after Date To [item 0]',
		],
	])('refuses bad dates %p before sending anything', async (filters, message) => {
		const fake = fakeExecute({ parameters: { ...base, returnAll: true, filters } });
		await expect(new RingCentral().execute.call(fake.context)).rejects.toThrow(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('refuses an extension id that is neither ~ nor a number', async () => {
		const fake = fakeExecute({
			parameters: { ...base, scope: 'extension', extensionId: 'me', returnAll: true, filters: {} },
		});
		await expect(new RingCentral().execute.call(fake.context)).rejects.toThrow(
			'Extension ID "me" is not valid: expected "~" or a number [item 0]',
		);
	});
});
