/** The router's "Items in Parallel" request option: order, pairing, errors and the concurrency it allows. */
import type { IDataObject, NodeOperationError } from 'n8n-workflow';

import { HighLevelContacts } from '../../../nodes/HighLevelContacts/HighLevelContacts.node';
import { httpResponse, type HttpMock } from '../support/n8n';
import { runNode } from './fixtures';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** HighLevel answering after a random latency, counting how many requests are open at once. */
function slowHighLevel(reply: (options: IDataObject) => ReturnType<typeof httpResponse>) {
	const load = { open: 0, mostOpen: 0 };
	const http: HttpMock = jest.fn(async (_type: string, options: IDataObject) => {
		load.mostOpen = Math.max(load.mostOpen, ++load.open);
		await delay(Math.random() * 10);
		load.open--;
		return reply(options);
	});
	return { http, load };
}

const emails = Array.from({ length: 30 }, (_, i) => `person${i}@example.com`);
const items = emails.map((email) => ({ json: { email } }));

const createContacts =
	(itemsInParallel: number, emailOf = (i: number) => emails[i]) =>
	(i: number) => ({
		resource: 'contact',
		operation: 'create',
		additionalFields: { email: emailOf(i) },
		requestOptions: { itemsInParallel },
	});

const createdContact = (options: IDataObject) =>
	httpResponse({ contact: { id: `id-${(options.body as IDataObject).email}` } });

describe('Items in Parallel', () => {
	it('is offered in Request Options, 1 by default, and hidden for the RingCentral activity operations', () => {
		const requestOptions = new HighLevelContacts().description.properties.find(
			(property) => property.name === 'requestOptions',
		);
		const option = requestOptions?.options?.find(
			(candidate) => 'name' in candidate && candidate.name === 'itemsInParallel',
		);
		expect(option).toMatchObject({
			default: 1,
			displayOptions: { hide: { '/resource': ['ringCentral'] } },
		});
	});

	it('sends up to N items at once and keeps the output in input order, each paired with its item', async () => {
		const { http, load } = slowHighLevel(createdContact);
		const { output } = await runNode(createContacts(8), { http, items });

		expect(load.mostOpen).toBe(8);
		expect(output).toEqual(
			emails.map((email, i) => ({ json: { id: `id-${email}` }, pairedItem: { item: i } })),
		);
	});

	it('sends one item at a time by default', async () => {
		const { http, load } = slowHighLevel(createdContact);
		await runNode(
			(i) => ({ resource: 'contact', operation: 'create', additionalFields: { email: emails[i] } }),
			{ http, items: items.slice(0, 5) },
		);
		expect(http).toHaveBeenCalledTimes(5);
		expect(load.mostOpen).toBe(1);
	});

	it('with continueOnFail puts each error item in the place of its input item', async () => {
		const { http } = slowHighLevel(createdContact);
		const invalid = new Set([3, 17]);
		const { output } = await runNode(
			createContacts(6, (i) => (invalid.has(i) ? 'not-an-email' : emails[i])),
			{ http, items, continueOnFail: true },
		);

		expect(output.map((item) => item.pairedItem)).toEqual(emails.map((_, i) => ({ item: i })));
		expect(output.map((item, i) => invalid.has(i) === 'error' in item.json)).not.toContain(false);
		expect(http).toHaveBeenCalledTimes(emails.length - invalid.size);
	});

	it('without continueOnFail throws the failing item with the lowest index, after the items in flight', async () => {
		// item 2 fails before any request, item 1 only when HighLevel answers, later
		const { http, load } = slowHighLevel((options) => {
			return (options.body as IDataObject).email === emails[1]
				? httpResponse({ message: 'The contact is locked' }, 422)
				: createdContact(options);
		});
		const error = (await runNode(
			createContacts(4, (i) => (i === 2 ? 'not-an-email' : emails[i])),
			{ http, items },
		).catch((e: unknown) => e)) as NodeOperationError;

		expect(error.context.itemIndex).toBe(1);
		expect(error.message).toContain('The contact is locked');
		// items 0, 1 and 3 were in flight when item 2 failed; none was started after it and all of them finished
		expect(http.mock.calls.map(([, options]) => (options.body as IDataObject).email)).toEqual([
			emails[0],
			emails[1],
			emails[3],
		]);
		expect(load.open).toBe(0);
	});

	it('runs the RingCentral activity operations one item at a time whatever the option says', async () => {
		const { http, load } = slowHighLevel((options) =>
			httpResponse(
				options.method === 'GET' ? { contact: null } : { contact: { id: 'c1' }, new: true },
			),
		);
		await runNode(
			(i) => ({
				resource: 'ringCentral',
				operation: 'syncContact',
				firstName: 'Ada',
				lastName: `Lovelace ${i}`,
				email: emails[i],
				phone: '',
				companyName: '',
				address: {},
				tagsToAdd: '',
				additionalFields: {},
				defaultCountry: 'US',
				requestOptions: { itemsInParallel: 10 },
			}),
			{ http, items: items.slice(0, 6) },
		);

		expect(http.mock.calls.length).toBeGreaterThanOrEqual(6);
		expect(load.mostOpen).toBe(1);
	});
});
