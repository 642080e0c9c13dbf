import { RingCentral } from '../../../nodes/RingCentral/RingCentral.node';
import { fakeExecute, page, useInstantClock } from './support';
import type { FakeOptions } from './support';

useInstantClock();

const BOOK = '/restapi/v1.0/account/~/extension/~/address-book/contact';
const contact = { resource: 'contact', extensionId: '~', options: {} };

const run = async (options: FakeOptions) => {
	const fake = fakeExecute(options);
	const output = await new RingCentral().execute.call(fake.context);
	return { ...fake, output: output[0] };
};

describe('Contact', () => {
	it('creates a contact with phones in E.164 and the birthday as ISO date', async () => {
		const { requests, output } = await run({
			parameters: {
				...contact,
				operation: 'create',
				fields: {
					firstName: 'Ada',
					lastName: 'Lovelace',
					email: 'ada@example.com',
					mobilePhone: '+1 (415) 555-0101',
					birthday: '1815-12-10T00:00:00Z',
					company: '',
				},
			},
			respond: (request) => ({ body: { id: 9, ...(request.body as object) } }),
		});

		expect(requests[0]).toMatchObject({ method: 'POST', path: BOOK });
		expect(requests[0].body).toEqual({
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			mobilePhone: '+14155550101',
			birthday: '1815-12-10T00:00:00.000Z',
		});
		expect(output[0]).toMatchObject({ json: { id: 9 }, pairedItem: { item: 0 } });
	});

	it('updates only the given fields with PATCH', async () => {
		const { requests } = await run({
			parameters: {
				...contact,
				operation: 'update',
				contactId: '123',
				updateFields: { jobTitle: 'CTO' },
			},
			respond: () => ({ body: { id: 123 } }),
		});
		expect(requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'PATCH', path: `${BOOK}/123`, body: { jobTitle: 'CTO' } },
		]);
	});

	it('gets and deletes by id', async () => {
		const got = await run({
			parameters: { ...contact, operation: 'get', contactId: '55' },
			respond: () => ({ body: { id: 55, firstName: 'Bo' } }),
		});
		expect(got.requests[0]).toMatchObject({ method: 'GET', path: `${BOOK}/55` });
		expect(got.output[0].json).toEqual({ id: 55, firstName: 'Bo' });

		const deleted = await run({
			parameters: { ...contact, operation: 'delete', contactId: '55' },
			respond: () => ({ statusCode: 204, body: '' }),
		});
		expect(deleted.requests[0]).toMatchObject({ method: 'DELETE', path: `${BOOK}/55` });
		expect(deleted.output).toEqual([
			{ json: { id: '55', deleted: true }, pairedItem: { item: 0 } },
		]);
	});

	it('lists with the filters and a page size no larger than the limit', async () => {
		const { requests, output } = await run({
			parameters: {
				...contact,
				operation: 'getAll',
				returnAll: false,
				limit: 2,
				filters: { startsWith: 'Lo', phoneNumber: '+1 415 555 0101' },
				options: { sortBy: 'LastName' },
			},
			respond: () => ({ body: page([{ id: 1 }, { id: 2 }], `${BOOK}?page=2`) }),
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].qs).toEqual({
			startsWith: 'Lo',
			phoneNumber: '+14155550101',
			sortBy: 'LastName',
			perPage: 2,
		});
		expect(output).toHaveLength(2);
	});

	it.each([
		[{ operation: 'get', contactId: '' }, 'Contact ID is empty [item 0]'],
		[
			{ operation: 'delete', contactId: '12a' },
			'Contact ID "12a" is not valid: expected a number [item 0]',
		],
		[
			{ operation: 'update', contactId: '1', updateFields: {} },
			'Update Fields: add at least one field [item 0]',
		],
		[
			{ operation: 'create', fields: { email: 'not-an-email' } },
			'Email "not-an-email" is not a valid email [item 0]',
		],
		[
			{ operation: 'create', fields: { homePhone: '12' } },
			'Home Phone "12" is not a valid phone number [item 0]',
		],
		[
			{ operation: 'create', fields: { webPage: 'example.com' } },
			'Web Page "example.com" is not an http(s) URL',
		],
	])('refuses %p without sending anything', async (parameters, message) => {
		const fake = fakeExecute({ parameters: { ...contact, ...parameters } });
		await expect(new RingCentral().execute.call(fake.context)).rejects.toThrow(message);
		expect(fake.requests).toHaveLength(0);
	});
});
