import { NodeApiError } from 'n8n-workflow';

import {
	getCredentialType,
	readRateLimit,
	ringCentralApiRequest,
	ringCentralApiRequestAllItems,
	throttlingGroup,
} from '../../../nodes/RingCentral/transport';
import { connectionError, httpError, N8N_LINES } from '../support/n8n';
import { fakeExecute, page, useInstantClock } from './support';

useInstantClock();

const CALL_LOG = '/restapi/v1.0/account/~/extension/~/call-log';

describe('ringCentralApiRequest', () => {
	it('sends to the credential server with the chosen credential, exploded arrays and error statuses left to n8n', async () => {
		const { context, requests } = fakeExecute({
			parameters: { authentication: 'ringCentralOAuth2Api' },
		});
		await ringCentralApiRequest.call(context, 'GET', CALL_LOG, undefined, {
			direction: ['Inbound', 'Outbound'],
		});

		expect(requests).toHaveLength(1);
		const [{ credentialType, options }] = requests;
		expect(credentialType).toBe('ringCentralOAuth2Api');
		expect(options.url).toBe(`https://platform.ringcentral.com${CALL_LOG}`);
		expect(options.qs).toEqual({ direction: ['Inbound', 'Outbound'] });
		expect(options.arrayFormat).toBe('repeat');
		expect(options.returnFullResponse).toBe(true);
		// n8n must throw for a 401 to refresh the OAuth2 token or redo the JWT exchange; 2.8 only takes a boolean here
		expect(options.ignoreHttpStatusErrors).toBeUndefined();
	});

	it('uses the JWT credential when no authentication is chosen', () => {
		const { context } = fakeExecute({ parameters: {} });
		expect(getCredentialType.call(context)).toBe('ringCentralJwtApi');
	});

	it('returns {} for a 204 without body', async () => {
		const { context } = fakeExecute({
			parameters: {},
			respond: () => ({ statusCode: 204, body: '' }),
		});
		await expect(ringCentralApiRequest.call(context, 'DELETE', '/restapi/v1.0/x')).resolves.toEqual(
			{},
		);
	});

	it('reads the credential once per node run, not once per request', async () => {
		const { context, requests } = fakeExecute({ parameters: {} });
		const reads = jest.spyOn(context, 'getCredentials');
		for (let page = 0; page < 3; page++) await ringCentralApiRequest.call(context, 'GET', CALL_LOG);

		expect(requests).toHaveLength(3);
		expect(reads).toHaveBeenCalledTimes(1);
	});

	it('honours the Max Wait (Seconds) request option', async () => {
		const { context, requests } = fakeExecute({
			parameters: { requestOptions: { maxWaitSeconds: 5 } },
			respond: () => ({ statusCode: 429, headers: { 'retry-after': '30' }, body: {} }),
		});
		await expect(ringCentralApiRequest.call(context, 'GET', CALL_LOG)).rejects.toThrow(
			'the next request could only be sent in 30 s, longer than the 5 s this node waits',
		);
		expect(requests).toHaveLength(1);
	});
});

// n8n 2.40 keeps the HTTP response on the error it throws; n8n 2.8 only its status and JSON body
describe.each(N8N_LINES)('errors as n8n %s throws them', (n8n) => {
	it("maps RingCentral's error body to a NodeApiError naming the code and the missing permission", async () => {
		const { context } = fakeExecute({
			parameters: {},
			n8n,
			respond: () => ({
				statusCode: 403,
				body: {
					errorCode: 'InsufficientPermissions',
					message:
						'In order to call this API endpoint, application needs to have [ReadCallLog] permission',
					errors: [
						{ errorCode: 'CMN-401', message: 'Needs ReadCallLog', permissionName: 'ReadCallLog' },
					],
				},
			}),
		});
		const error = await ringCentralApiRequest
			.call(context, 'GET', CALL_LOG)
			.catch((e: unknown) => e);

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect((error as NodeApiError).message).toContain('InsufficientPermissions');
		expect((error as NodeApiError).message).toContain('[ReadCallLog] permission');
		expect((error as NodeApiError).description).toContain('missing permission: ReadCallLog');
	});

	it('turns a 401 that n8n could not cure into a mapped error without the signed request', async () => {
		const { context, httpRequestWithAuthentication } = fakeExecute({ parameters: {} });
		httpRequestWithAuthentication.mockRejectedValueOnce(
			httpError(
				401,
				{ errors: [{ errorCode: 'TokenInvalid', message: 'Token not found' }] },
				{},
				n8n,
			),
		);
		const error = (await ringCentralApiRequest
			.call(context, 'GET', CALL_LOG)
			.catch((e: unknown) => e)) as NodeApiError;

		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('RingCentral answered 401 TokenInvalid: Token not found');
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain('secret-access-token');
	});

	it('retries a GET after a 503 but never a POST (sending an SMS twice must not happen)', async () => {
		let calls = 0;
		const flaky = () =>
			++calls === 1 ? { statusCode: 503, body: { errorCode: 'CMN-201' } } : { body: { ok: 1 } };

		const read = fakeExecute({ parameters: {}, n8n, respond: flaky });
		await expect(ringCentralApiRequest.call(read.context, 'GET', CALL_LOG)).resolves.toEqual({
			ok: 1,
		});
		expect(read.requests).toHaveLength(2);

		calls = 0;
		const write = fakeExecute({ parameters: {}, n8n, respond: flaky });
		await expect(
			ringCentralApiRequest.call(write.context, 'POST', '/restapi/v1.0/account/~/extension/~/sms', {
				text: 'x',
			}),
		).rejects.toMatchObject({
			message:
				'RingCentral answered 503 (server error) after 1 attempt; not retried because RingCentral may already have acted on it',
			description: expect.stringContaining('CMN-201'),
		});
		expect(write.requests).toHaveLength(1);
	});

	it('says a write whose connection broke was not retried, in words n8n does not replace', async () => {
		const { context, httpRequestWithAuthentication } = fakeExecute({ parameters: {} });
		httpRequestWithAuthentication.mockRejectedValueOnce(connectionError('ECONNRESET', n8n));
		const error = (await ringCentralApiRequest
			.call(context, 'POST', '/restapi/v1.0/account/~/extension/~/sms', { text: 'x' })
			.catch((e: unknown) => e)) as NodeApiError;

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			'RingCentral could not be reached (connection reset) after 1 attempt; not retried because RingCentral may already have acted on it',
		);
		expect(httpRequestWithAuthentication).toHaveBeenCalledTimes(1);
	});

	it('retries a GET whose connection broke', async () => {
		const { context, httpRequestWithAuthentication } = fakeExecute({
			parameters: {},
			respond: () => ({ body: { ok: 1 } }),
		});
		httpRequestWithAuthentication.mockRejectedValueOnce(connectionError('ECONNRESET', n8n));
		await expect(ringCentralApiRequest.call(context, 'GET', CALL_LOG)).resolves.toEqual({ ok: 1 });
		expect(httpRequestWithAuthentication).toHaveBeenCalledTimes(2);
	});

	it('waits out a 429 and then succeeds', async () => {
		let calls = 0;
		const { context, requests } = fakeExecute({
			parameters: {},
			n8n,
			respond: () =>
				++calls === 1
					? { statusCode: 429, body: { errorCode: 'CMN-301', message: 'Request rate exceeded' } }
					: { body: { done: true } },
		});
		await expect(
			ringCentralApiRequest.call(context, 'POST', '/restapi/v1.0/account/~/extension/~/sms', {}),
		).resolves.toEqual({ done: true });
		expect(requests).toHaveLength(2);
	});

	it('honours the Max Retries request option', async () => {
		const { context, requests } = fakeExecute({
			parameters: { requestOptions: { maxRetries: 1 } },
			n8n,
			respond: () => ({ statusCode: 500, body: { message: 'boom' } }),
		});
		await expect(ringCentralApiRequest.call(context, 'GET', CALL_LOG)).rejects.toThrow(
			NodeApiError,
		);
		expect(requests).toHaveLength(2);
	});
});

describe('ringCentralApiRequestAllItems', () => {
	it('follows navigation.nextPage on the credential server only, to the last page', async () => {
		const pages: Record<string, unknown> = {
			'1': page([{ id: 'a' }, { id: 'b' }], `${CALL_LOG}?page=2&perPage=2`),
			'2': {
				...page([{ id: 'c' }]),
				// A link to another host must not receive the token: only its path and query are reused
				navigation: { nextPage: { uri: `https://evil.example.com${CALL_LOG}?page=3&perPage=2` } },
			},
			'3': page([{ id: 'd' }]),
		};
		const { context, requests } = fakeExecute({
			parameters: {},
			respond: (request) => ({ body: pages[String(request.qs.page ?? '1')] }),
		});
		const records = await ringCentralApiRequestAllItems.call(context, 'GET', CALL_LOG, undefined, {
			perPage: 2,
		});

		expect(records.map((record) => record.id)).toEqual(['a', 'b', 'c', 'd']);
		expect(requests.map((request) => [request.path, request.qs])).toEqual([
			[CALL_LOG, { perPage: 2 }],
			[CALL_LOG, { page: '2', perPage: '2' }],
			[CALL_LOG, { page: '3', perPage: '2' }],
		]);
	});

	it('stops as soon as `limit` kept records are collected', async () => {
		const { context, requests } = fakeExecute({
			parameters: {},
			respond: (request) => ({
				body: page(
					[1, 2, 3].map((n) => ({ id: `${request.qs.page ?? 1}-${n}`, keep: n !== 2 })),
					`${CALL_LOG}?page=${Number(request.qs.page ?? 1) + 1}`,
				),
			}),
		});
		const records = await ringCentralApiRequestAllItems.call(
			context,
			'GET',
			CALL_LOG,
			undefined,
			undefined,
			{
				limit: 3,
				keep: (record) => record.keep === true,
			},
		);

		expect(records.map((record) => record.id)).toEqual(['1-1', '1-3', '2-1']);
		expect(requests).toHaveLength(2);
	});
});

describe('rate limits', () => {
	it("reads RingCentral's X-Rate-Limit-* and Retry-After headers", () => {
		expect(
			readRateLimit({
				'x-rate-limit-group': 'heavy',
				'x-rate-limit-limit': '10',
				'x-rate-limit-remaining': '0',
				'x-rate-limit-window': '60',
				'retry-after': '30',
			}),
		).toEqual({ limit: 10, remaining: 0, windowMs: 60_000, retryAfterMs: 30_000 });
		expect(readRateLimit({})).toEqual({
			limit: undefined,
			remaining: undefined,
			windowMs: undefined,
			retryAfterMs: undefined,
		});
	});

	it('reads an HTTP-date Retry-After as the time left until then', () => {
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		const { retryAfterMs } = readRateLimit({ 'retry-after': inTenSeconds });
		expect(retryAfterMs).toBeGreaterThan(8_000);
		expect(retryAfterMs).toBeLessThanOrEqual(10_000);
	});

	it.each([
		['GET', '/restapi/v1.0/account/~/extension/~/call-log', 'Heavy'],
		['POST', '/restapi/v1.0/account/~/extension/~/address-book/contact', 'Heavy'],
		['GET', '/restapi/v1.0/account/~/extension/~/message-store', 'Light'],
		['POST', '/restapi/v1.0/account/~/extension/~/sms', 'Medium'],
		['POST', '/restapi/v1.0/subscription', 'Medium'],
		['POST', '/restapi/v1.0/subscription/abc/renew', 'Light'],
	] as const)("%s %s is in the spec's %s group", (method, endpoint, group) => {
		expect(throttlingGroup(method, endpoint)).toBe(group);
	});

	it('waits out a 429 for Retry-After and then succeeds', async () => {
		let calls = 0;
		const { context, requests } = fakeExecute({
			parameters: {},
			respond: () =>
				++calls === 1
					? {
							statusCode: 429,
							headers: {
								'retry-after': '5',
								'x-rate-limit-remaining': '0',
								'x-rate-limit-window': '60',
							},
							body: { errorCode: 'CMN-301', message: 'Request rate exceeded' },
						}
					: { body: { done: true } },
		});
		await expect(
			ringCentralApiRequest.call(context, 'POST', '/restapi/v1.0/account/~/extension/~/sms', {}),
		).resolves.toEqual({ done: true });
		expect(requests).toHaveLength(2);
	});
});
