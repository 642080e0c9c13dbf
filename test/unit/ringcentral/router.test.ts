/** The router's "Items in Parallel" request option: order, pairing, errors and the concurrency it allows. */
import type { IDataObject, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { RingCentral } from '../../../nodes/RingCentral/RingCentral.node';
import { fakeExecute, useInstantClock } from './support';
import type { FakeOptions, Reply, SentRequest } from './support';

useInstantClock();

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the node against RingCentral answering after a random latency, counting requests open at once. */
async function runSlowly(options: FakeOptions & { respond: (request: SentRequest) => Reply }) {
	const load = { open: 0, mostOpen: 0 };
	const fake = fakeExecute({
		...options,
		respond: async (request) => {
			load.mostOpen = Math.max(load.mostOpen, ++load.open);
			await delay(Math.random() * 10);
			load.open--;
			return options.respond(request);
		},
	});
	let output: INodeExecutionData[] = [];
	let error: NodeApiError | undefined;
	try {
		[output] = await new RingCentral().execute.call(fake.context);
	} catch (thrown) {
		error = thrown as NodeApiError;
	}
	return { ...fake, load, output, error };
}

const getMessages =
	(itemsInParallel: number, idOf = (i: number) => String(1000 + i)) =>
	(i: number): IDataObject => ({
		resource: 'message',
		operation: 'get',
		extensionId: '~',
		messageId: idOf(i),
		options: {},
		requestOptions: { itemsInParallel },
	});

const echoId = (request: SentRequest): Reply => ({
	body: { id: Number(request.path.split('/').pop()), to: [] },
});

describe('Items in Parallel', () => {
	it('is offered in Request Options with a default of 1', () => {
		const requestOptions = new RingCentral().description.properties.find(
			(property) => property.name === 'requestOptions',
		);
		expect(requestOptions?.options).toContainEqual(
			expect.objectContaining({ name: 'itemsInParallel', default: 1 }),
		);
	});

	it('sends up to N items at once and keeps the output in input order, each paired with its item', async () => {
		const { load, output } = await runSlowly({
			items: 20,
			parameters: getMessages(5),
			respond: echoId,
		});

		expect(load.mostOpen).toBe(5);
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual(
			Array.from({ length: 20 }, (_, i) => [1000 + i, { item: i }]),
		);
	});

	it('sends one item at a time by default', async () => {
		const { load, requests } = await runSlowly({
			items: 5,
			parameters: (i) => ({ ...getMessages(1)(i), requestOptions: {} }),
			respond: echoId,
		});
		expect(requests).toHaveLength(5);
		expect(load.mostOpen).toBe(1);
	});

	it('with continueOnFail puts each error item in the place of its input item', async () => {
		const { output, requests } = await runSlowly({
			items: 12,
			continueOnFail: true,
			parameters: getMessages(4, (i) => (i % 5 === 2 ? 'abc' : String(1000 + i))),
			respond: echoId,
		});

		const failed = output.map((item, i) => [i, 'error' in item.json, item.pairedItem]);
		expect(failed).toEqual(Array.from({ length: 12 }, (_, i) => [i, i % 5 === 2, { item: i }]));
		expect(requests).toHaveLength(12 - 2);
	});

	it('without continueOnFail throws the failing item with the lowest index, after the items in flight', async () => {
		// item 2 fails before any request, item 1 only when RingCentral answers, later
		const { error, load, requests } = await runSlowly({
			items: 10,
			parameters: getMessages(4, (i) => (i === 2 ? 'abc' : String(1000 + i))),
			respond: (request) =>
				request.path.endsWith('/1001')
					? { statusCode: 404, body: { errorCode: 'CMN-102', message: 'Message not found' } }
					: echoId(request),
		});

		expect(error?.context.itemIndex).toBe(1);
		expect(error?.message).toContain('Message not found');
		// items 0, 1 and 3 were in flight when item 2 failed; none was started after it and all of them finished
		expect(requests.map((request) => request.path.split('/').pop())).toEqual([
			'1000',
			'1001',
			'1003',
		]);
		expect(load.open).toBe(0);
	});
});
