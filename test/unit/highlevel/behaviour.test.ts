import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HighLevelContacts } from '../../../nodes/HighLevelContacts/HighLevelContacts.node';
import { setClock } from '../../../nodes/shared/resilience';
import { readHighLevelRateLimit } from '../../../nodes/HighLevelContacts/transport';
import {
	connectionError,
	createExecuteFunctions,
	httpError,
	httpResponse,
	N8N_LINES,
	refusedRefresh,
	sentRequest,
} from '../support/n8n';
import { contactLocator, credentials, LOCATION_ID, runNode, SERVER_URL } from './fixtures';

const createContact = (fields: IDataObject) => () => ({
	resource: 'contact',
	operation: 'create',
	additionalFields: fields,
});

async function failure(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a failure');
}

describe('bad input is refused before any request, naming the field and the item', () => {
	it.each([
		[
			'Email',
			{ email: 'not-an-email' },
			'The "Email" field of item 0 is not a valid email address: "not-an-email"',
		],
		[
			'Phone',
			{ phone: 'call me' },
			'The "Phone" field of item 0 is not a phone number that can be written in E.164 form: "call me"',
		],
		[
			'Date of Birth',
			{ dateOfBirth: 'someday' },
			'The "Date of Birth" field of item 0 is not a valid date: "someday"',
		],
		[
			'Custom Field',
			{ customFields: { field: [{ id: 'a/b', value: 'x' }] } },
			'The "Custom Field" field of item 0 is not a valid ID (it contains "/"): "a/b"',
		],
	])('%s', async (_, fields, message) => {
		const http = jest.fn();
		const error = await failure(runNode(createContact(fields), { http }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(message);
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(http).not.toHaveBeenCalled();
	});

	it.each([
		['an empty ID', contactLocator(' '), 'The "Contact" field of item 0 is empty'],
		[
			'an ID with a slash',
			contactLocator('c1/../x'),
			'The "Contact" field of item 0 is not a valid ID (it contains "/"): "c1/../x"',
		],
		[
			'a URL that is not a contact URL',
			contactLocator('https://example.com/x', 'url'),
			'The "Contact" field of item 0 is not a HighLevel contact URL: "https://example.com/x"',
		],
	])('a contact locator with %s', async (_, locator, message) => {
		const http = jest.fn();
		const error = await failure(
			runNode({ resource: 'contact', operation: 'get', contactId: locator }, { http }),
		);
		expect(error.message).toBe(message);
		expect(http).not.toHaveBeenCalled();
	});

	it('a task due date that is not a date', async () => {
		const http = jest.fn();
		const error = await failure(
			runNode(
				{
					resource: 'task',
					operation: 'create',
					contactId: contactLocator('c1'),
					title: 'T',
					dueDate: 'soon',
				},
				{ http },
			),
		);
		expect(error.message).toBe('The "Due Date" field of item 0 is not a valid date: "soon"');
		expect(http).not.toHaveBeenCalled();
	});

	it('a Create or Update with neither email nor phone (HighLevel would add a new contact every time)', async () => {
		const http = jest.fn();
		const error = await failure(
			runNode(
				{ resource: 'contact', operation: 'upsert', additionalFields: { firstName: 'Ada' } },
				{ http },
			),
		);
		expect(error.message).toBe(
			'Create or Update needs an Email or a Phone in item 0 to find the existing contact; use Create to always add a new one',
		);
		expect(http).not.toHaveBeenCalled();
	});

	it('takes the contact id from a HighLevel contact URL', async () => {
		const http = jest.fn().mockResolvedValue(httpResponse({ contact: { id: 'abc123' } }));
		await runNode(
			{
				resource: 'contact',
				operation: 'get',
				simplify: true,
				contactId: contactLocator(
					'https://app.gohighlevel.com/v2/location/loc/contacts/detail/abc123?tab=notes',
					'url',
				),
			},
			{ http },
		);
		expect(sentRequest(http).options.url).toBe(`${SERVER_URL}/contacts/abc123`);
	});

	it('accepts n8n DateTime-like values and JS dates for dates', async () => {
		const http = jest.fn().mockResolvedValue(httpResponse({ task: {} }));
		await runNode(
			{
				resource: 'task',
				operation: 'create',
				contactId: contactLocator('c1'),
				title: 'T',
				dueDate: new Date('2026-05-01T12:00:00Z'),
			},
			{ http },
		);
		const { dueDate } = sentRequest(http).options.body as IDataObject;
		expect(Date.parse(dueDate as string)).toBe(Date.parse('2026-05-01T12:00:00Z'));
	});
});

describe('items', () => {
	const items = [{ json: {} }, { json: {} }, { json: {} }];
	const perItem = (emails: string[]) => (i: number) => createContact({ email: emails[i] })();

	it('with continueOnFail, a bad item yields its error and the others go on, each paired with its input', async () => {
		const http = jest
			.fn()
			.mockImplementation(async (_type, options) =>
				httpResponse({ contact: { id: `id-${(options.body as IDataObject).email}` } }),
			);
		const { output } = await runNode(perItem(['a@x.io', 'x', 'c@x.io']), {
			http,
			items,
			continueOnFail: true,
		});

		expect(http).toHaveBeenCalledTimes(2);
		expect(output).toEqual([
			{ json: { id: 'id-a@x.io' }, pairedItem: { item: 0 } },
			{
				json: { error: 'The "Email" field of item 1 is not a valid email address: "x"' },
				pairedItem: { item: 1 },
			},
			{ json: { id: 'id-c@x.io' }, pairedItem: { item: 2 } },
		]);
	});

	it('reads the credential once per node run, not once per request', async () => {
		const http = jest.fn().mockResolvedValue(httpResponse({ contact: { id: 'c' } }));
		const context = createExecuteFunctions({
			parameters: perItem(['a@x.io', 'b@x.io', 'c@x.io']),
			items,
			credentials: credentials.readWrite,
			http,
		});
		const reads = jest.spyOn(context, 'getCredentials');
		await new HighLevelContacts().execute.call(context);

		expect(http).toHaveBeenCalledTimes(3);
		expect(reads).toHaveBeenCalledTimes(1);
	});

	it('without continueOnFail, the first bad item stops the node with its item index', async () => {
		const http = jest.fn().mockResolvedValue(httpResponse({ contact: {} }));
		const error = await failure(runNode(perItem(['a@x.io', 'x', 'c@x.io']), { http, items }));
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(http).toHaveBeenCalledTimes(1);
	});

	it('a list operation returns one item per record, all paired with the input item', async () => {
		const http = jest.fn().mockResolvedValue(httpResponse({ notes: [{ id: 'n1' }, { id: 'n2' }] }));
		const { output } = await runNode(
			() => ({
				resource: 'note',
				operation: 'getAll',
				contactId: contactLocator('c1'),
				returnAll: true,
			}),
			{ http, items: [{ json: {} }, { json: {} }] },
		);
		expect(output.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['n1', { item: 0 }],
			['n2', { item: 0 }],
			['n1', { item: 1 }],
			['n2', { item: 1 }],
		]);
	});
});

describe('scopes', () => {
	const deleteContact = {
		resource: 'contact',
		operation: 'delete',
		contactId: contactLocator('c1'),
	};

	it('refuses a write with a read-only OAuth2 credential before any request, saying what to add', async () => {
		const http = jest.fn();
		const error = await failure(
			runNode(deleteContact, { http, credentials: credentials.readOnly }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"contacts.write"');
		expect(error.message).toContain('Access Level "Read & Write"');
		expect(http).not.toHaveBeenCalled();
	});

	it('trusts the scopes of the token over the configured ones', async () => {
		const http = jest.fn();
		const stale = {
			highLevelContactsOAuth2Api: {
				...credentials.readOnly.highLevelContactsOAuth2Api,
				scope: 'contacts.readonly contacts.write',
			},
		};
		await expect(runNode(deleteContact, { http, credentials: stale })).rejects.toThrow(
			'contacts.write',
		);
		expect(http).not.toHaveBeenCalled();
	});

	it('lets reads through with a read-only credential', async () => {
		const http = jest.fn().mockResolvedValue(httpResponse({ contact: { id: 'c1' } }));
		await runNode(
			{ ...deleteContact, operation: 'get', simplify: true },
			{ http, credentials: credentials.readOnly },
		);
		expect(http).toHaveBeenCalledTimes(1);
	});

	it.each(N8N_LINES)(
		"sends Private Integration writes and maps HighLevel's scope refusal to the same clear message (n8n %s)",
		async (n8n) => {
			const http = jest
				.fn()
				.mockRejectedValue(
					httpError(
						401,
						{ statusCode: 401, message: 'The token is not authorized for this scope.' },
						{},
						n8n,
					),
				);
			const error = await failure(
				runNode(
					{ ...deleteContact, authentication: 'privateIntegration' },
					{ http, credentials: credentials.privateIntegration },
				),
			);
			expect(sentRequest(http).credentialType).toBe('highLevelPrivateIntegrationApi');
			expect(sentRequest(http).options.url).toBe(`${SERVER_URL}/contacts/c1`);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toContain('"contacts.write"');
			expect((error as NodeApiError).description).toContain('Private Integrations');
		},
	);
});

describe('errors from HighLevel', () => {
	it.each(N8N_LINES)(
		'keeps the message of a 401 on a write that is not about scope (n8n %s)',
		async (n8n) => {
			const http = jest
				.fn()
				.mockRejectedValue(
					httpError(
						401,
						{ statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' },
						{},
						n8n,
					),
				);
			const error = await failure(runNode(createContact({ firstName: 'Ada' }), { http }));
			expect(error.message).toBe('Invalid JWT');
			expect(error.message).not.toContain('scope');
		},
	);

	const getContact = {
		resource: 'contact',
		operation: 'get',
		contactId: contactLocator('c1'),
		simplify: true,
	};

	it.each(N8N_LINES)(
		'carry the API message; a 422 joins its list of messages (n8n %s)',
		async (n8n) => {
			const http = jest.fn().mockRejectedValue(
				httpError(
					422,
					{
						statusCode: 422,
						message: ['email must be an email', 'phone is invalid'],
						error: 'Unprocessable Entity',
					},
					{},
					n8n,
				),
			);
			const error = await failure(runNode(getContact, { http }));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('email must be an email; phone is invalid');
			expect((error as NodeApiError).httpCode).toBe('422');
		},
	);

	it.each(N8N_LINES)(
		'a refused token refresh asks to reconnect the credential, without leaking the token (n8n %s)',
		async (n8n) => {
			const http = jest.fn().mockRejectedValue(refusedRefresh(n8n));
			const error = await failure(runNode(getContact, { http }));
			expect(error.message).toMatch(/^Reconnect this HighLevel credential/);
			expect(
				JSON.stringify({
					message: error.message,
					description: (error as NodeOperationError).description,
				}),
			).not.toContain('secret-access-token');
		},
	);

	it('reads the rate-limit headers HighLevel sends', () => {
		expect(
			readHighLevelRateLimit({
				'x-ratelimit-max': '100',
				'x-ratelimit-remaining': '7',
				'x-ratelimit-interval-milliseconds': '10000',
				'x-ratelimit-daily-remaining': '199000',
			}),
		).toEqual({ limit: 100, remaining: 7, windowMs: 10000, dailyRemaining: 199000 });
		expect(readHighLevelRateLimit({})).toEqual({
			limit: undefined,
			remaining: undefined,
			windowMs: undefined,
			dailyRemaining: undefined,
		});
	});
});

describe('contact.getAll', () => {
	const page = (from: number, count: number) =>
		Array.from({ length: count }, (_, n) => ({
			id: `c${from + n}`,
			firstName: `F${from + n}`,
			searchAfter: [from + n, `c${from + n}`],
		}));

	function searchServer(total: number) {
		return jest.fn().mockImplementation(async (_type: string, options: IDataObject) => {
			const body = options.body as IDataObject;
			const after = body.searchAfter ? (body.searchAfter as [number])[0] + 1 : 0;
			const count = Math.max(0, Math.min(body.pageLimit as number, total - after));
			return httpResponse({ contacts: page(after, count), total });
		});
	}

	it('follows the searchAfter cursor past 10 000 records with Return All', async () => {
		const http = searchServer(10_250);
		const { output } = await runNode(
			{ resource: 'contact', operation: 'getAll', returnAll: true, simplify: true },
			{ http },
		);

		expect(output).toHaveLength(10_250);
		expect(http).toHaveBeenCalledTimes(21);
		const second = sentRequest(http, 1).options.body as IDataObject;
		expect(second).toEqual({ locationId: LOCATION_ID, pageLimit: 500, searchAfter: [499, 'c499'] });
		expect(sentRequest(http, 0).options.body).not.toHaveProperty('searchAfter');
		expect(sentRequest(http, 0).options.headers).toEqual({
			Version: '2021-07-28',
			Accept: 'application/json',
		});
	});

	it('asks only for what is still missing to reach the limit', async () => {
		const http = searchServer(5_000);
		const { output } = await runNode(
			{ resource: 'contact', operation: 'getAll', returnAll: false, limit: 700, simplify: false },
			{ http },
		);
		expect(output).toHaveLength(700);
		expect(http.mock.calls.map(([, options]) => (options.body as IDataObject).pageLimit)).toEqual([
			500, 200,
		]);
	});

	it('sends query, filters and sort, and simplifies the records', async () => {
		const http = jest.fn().mockResolvedValue(
			httpResponse({
				contacts: [{ id: 'c1', firstName: 'Ada', lastName: 'L', email: 'a@x.io', dnd: false }],
				total: 1,
			}),
		);
		const { output } = await runNode(
			{
				resource: 'contact',
				operation: 'getAll',
				returnAll: false,
				limit: 10,
				query: 'ada',
				filters: {
					filter: [
						{ field: 'tags', operator: 'contains', value: 'vip' },
						{ field: 'email', operator: 'exists', value: 'ignored' },
					],
				},
				sort: { sortBy: { field: 'dateAdded', direction: 'asc' } },
				simplify: true,
			},
			{ http },
		);
		expect(sentRequest(http).options).toMatchObject({
			method: 'POST',
			url: `${SERVER_URL}/contacts/search`,
		});
		expect(sentRequest(http).options.body).toEqual({
			query: 'ada',
			filters: [
				{ field: 'tags', operator: 'contains', value: 'vip' },
				{ field: 'email', operator: 'exists' },
			],
			sort: [{ field: 'dateAdded', direction: 'asc' }],
			locationId: LOCATION_ID,
			pageLimit: 10,
		});
		expect(output[0].json).toEqual({
			id: 'c1',
			name: 'Ada L',
			firstName: 'Ada',
			lastName: 'L',
			email: 'a@x.io',
			phone: undefined,
			tags: undefined,
			companyName: undefined,
			dateAdded: undefined,
			dateUpdated: undefined,
			customFields: undefined,
		});
	});
});

// n8n 2.40 keeps the HTTP response on the error it throws; n8n 2.8 only its status and JSON body
describe.each(N8N_LINES)(
	'request options feed the retry policy (errors as n8n %s throws them)',
	(n8n) => {
		beforeAll(() => setClock({ now: () => Date.now(), sleep: async () => undefined }));
		afterAll(() => setClock());

		const unavailable = () =>
			jest.fn().mockRejectedValue(httpError(503, { message: 'Service Unavailable' }, {}, n8n));

		it('retries a read "Max Retries" times, then fails with the reason', async () => {
			const http = unavailable();
			const error = await failure(
				runNode(
					{
						resource: 'contact',
						operation: 'get',
						contactId: contactLocator('c1'),
						requestOptions: { maxRetries: 2 },
					},
					{ http },
				),
			);
			expect(http).toHaveBeenCalledTimes(3);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toContain('503');
		});

		it('does not repeat a create that may have reached HighLevel, and says so', async () => {
			const http = unavailable();
			const error = await failure(runNode(createContact({ firstName: 'Ada' }), { http }));
			expect(error.message).toBe(
				'HighLevel answered 503 (server error) after 1 attempt; not retried because HighLevel may already have acted on it',
			);
			expect((error as NodeApiError).description).toBe('Service Unavailable');
			expect(http).toHaveBeenCalledTimes(1);
		});

		it('says a create whose connection broke was not retried, in words n8n does not replace', async () => {
			const http = jest.fn().mockRejectedValue(connectionError('ECONNRESET', n8n));
			const error = await failure(runNode(createContact({ firstName: 'Ada' }), { http }));
			expect(error.message).toBe(
				'HighLevel could not be reached (connection reset) after 1 attempt; not retried because HighLevel may already have acted on it',
			);
			expect(http).toHaveBeenCalledTimes(1);
		});

		it('retries a read whose connection broke', async () => {
			const http = jest
				.fn()
				.mockRejectedValueOnce(connectionError('ECONNRESET', n8n))
				.mockResolvedValue(httpResponse({ contact: { id: 'c1' } }));
			await runNode(
				{ resource: 'contact', operation: 'get', contactId: contactLocator('c1'), simplify: false },
				{ http },
			);
			expect(http).toHaveBeenCalledTimes(2);
		});
	},
);
