import axios from 'axios';
import { join } from 'node:path';
import { SPECS_DIR, SpecValidator } from '../../simulators/common/spec-validator';
import { DEFAULT_CLIENT, startHighLevelSimulator, type HighLevelSimulator } from '../../simulators/highlevel';
import { client } from './highlevel-support';

const spec = (file: string) => SpecValidator.load(join(SPECS_DIR, 'highlevel', 'apps', file));

describe('HighLevel simulator', () => {
	let sim: HighLevelSimulator;
	let locationId: string;
	let api: ReturnType<typeof client>;

	beforeAll(async () => {
		sim = await startHighLevelSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		const token = sim.issueToken() as { access_token: string; locationId: string };
		locationId = token.locationId;
		api = client(sim, token.access_token);
	});

	describe('spec validation', () => {
		it('rejects a body that breaks the schema with the API 422 shape and records a violation', async () => {
			const res = await api.post('/contacts/', { locationId, email: 42 });
			expect(res.status).toBe(422);
			expect(res.data).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
			expect(res.data.message).toContain('body.email must be string');
			expect(sim.violations).toEqual([{ method: 'POST', path: '/contacts/', errors: expect.arrayContaining(['body.email must be string']) }]);
		});

		it('requires the Version header and the calendars version differs from the contacts one', async () => {
			const missing = await api.get('/contacts/abc', { headers: { Version: undefined } });
			expect(missing.status).toBe(400);
			const wrongForCalendars = await api.get('/calendars/', { params: { locationId } });
			expect(wrongForCalendars.status).toBe(400);
			expect(sim.violations.map((v) => v.errors[0])).toEqual([
				'header.version is required',
				'header.version must be one of 2021-04-15',
			]);
			const right = await api.get('/calendars/', { params: { locationId }, headers: { Version: '2021-04-15' } });
			expect(right.status).toBe(200);
		});

		it('checks query types and answers 404 for paths the spec does not have', async () => {
			const res = await api.get('/contacts/', { params: { locationId, limit: 'many' } });
			expect(res.status).toBe(422);
			expect(res.data.message).toEqual(['query.limit must be number']);
			const unknown = await api.get('/contacts/abc/history');
			expect(unknown.status).toBe(404);
			expect(sim.violations).toHaveLength(2);
		});

		it('validates the search body against the documented shape', async () => {
			const res = await api.post('/contacts/search', { locationId, pageLimit: 501, page: 1, searchAfter: [1, 'a'] });
			expect(res.status).toBe(422);
			expect(res.data.message).toEqual(
				expect.arrayContaining(['pageLimit must be <= 500', 'page and searchAfter cannot be combined']),
			);
			const missing = await api.post('/contacts/search', { locationId });
			expect(missing.data.message).toContain('pageLimit should not be empty');
		});

		it('validates responses against the spec schemas', async () => {
			const contacts = await spec('contacts.json');
			expect(contacts.validateResponse('get-contact', 200, { contact: { id: 7 } })).toEqual([
				'response.contact.id must be string',
			]);
			expect(contacts.validateResponse('get-contact', 200, { contact: { id: 'x' } })).toEqual([]);
		});
	});

	describe('auth', () => {
		it('rejects unknown tokens, missing scopes and other locations like the API', async () => {
			const anonymous = await client(sim, 'nope').get('/contacts/abc');
			expect(anonymous.status).toBe(401);
			expect(anonymous.data).toMatchObject({ message: 'Invalid token: access token is invalid', error: 'Unauthorized' });

			const readOnly = sim.issueToken({ scopes: ['contacts.readonly'] }) as { access_token: string };
			const write = await client(sim, readOnly.access_token).post('/contacts/', { locationId, firstName: 'A' });
			expect(write.status).toBe(401);
			expect(write.data.message).toBe('The token is not authorized for this scope.');

			const other = await api.get('/contacts/', { params: { locationId: 'someOtherLocation' } });
			expect(other.status).toBe(403);
			expect(other.data.message).toBe('The token does not have access to this location.');
			expect(sim.violations).toEqual([]);
		});

		it('accepts Private Integration tokens with their scopes', async () => {
			const pit = sim.issueToken({ kind: 'private-integration', scopes: ['contacts.readonly'] }) as { access_token: string };
			const res = await client(sim, pit.access_token).get('/contacts/', { params: { locationId } });
			expect(res.status).toBe(200);
		});

		it('exchanges a code, rotates refresh tokens and rejects a used one', async () => {
			const redirect = await axios.get(`${sim.url}/oauth/chooselocation`, {
				params: { response_type: 'code', client_id: DEFAULT_CLIENT.clientId, redirect_uri: 'http://127.0.0.1/cb', scope: 'contacts.readonly', state: 's1' },
				maxRedirects: 0,
				validateStatus: () => true,
			});
			expect(redirect.status).toBe(302);
			const callback = new URL(redirect.headers.location as string);
			expect(callback.searchParams.get('state')).toBe('s1');

			const form = (fields: Record<string, string>) =>
				axios.post(
					`${sim.url}/oauth/token`,
					new URLSearchParams({ client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret, ...fields }),
					{ validateStatus: () => true },
				);
			const first = await form({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: 'http://127.0.0.1/cb' });
			expect(first.status).toBe(200);
			expect((await spec('oauth.json')).validateResponse('get-access-token', 200, first.data)).toEqual([]);
			expect(first.data).toMatchObject({ token_type: 'Bearer', userType: 'Location', locationId, scope: 'contacts.readonly' });

			const second = await form({ grant_type: 'refresh_token', refresh_token: first.data.refresh_token });
			expect(second.status).toBe(200);
			expect(second.data.refresh_token).not.toBe(first.data.refresh_token);
			const reused = await form({ grant_type: 'refresh_token', refresh_token: first.data.refresh_token });
			expect(reused.status).toBe(400);
			expect(reused.data.error).toBe('invalid_grant');
			expect(sim.auth.refreshCount).toBe(1);
			expect(JSON.stringify(sim.requests)).not.toContain(first.data.refresh_token);
		});

		it('expires access tokens after the configured lifetime', async () => {
			sim.configure({ accessTokenTtlSeconds: 0.05 });
			const token = sim.issueToken() as { access_token: string };
			const fresh = await client(sim, token.access_token).get('/contacts/', { params: { locationId } });
			expect(fresh.status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 80));
			const expired = await client(sim, token.access_token).get('/contacts/', { params: { locationId } });
			expect(expired.status).toBe(401);
		});
	});

	describe('rate limits', () => {
		it('reports the burst window on every response, answers 429 past it and recovers after the window', async () => {
			sim.configure({ timeScale: 5 }); // the 10 s window lasts 2 s
			const first = await api.get('/contacts/', { params: { locationId } });
			expect(first.headers['x-ratelimit-max']).toBe('100');
			expect(first.headers['x-ratelimit-remaining']).toBe('99');
			expect(first.headers['x-ratelimit-interval-milliseconds']).toBe('2000');
			expect(first.headers['x-ratelimit-limit-daily']).toBe('200000');
			expect(first.headers['x-ratelimit-daily-remaining']).toBe('199999');
			const burst = await Promise.all(Array.from({ length: 100 }, () => api.get('/contacts/', { params: { locationId } })));
			const limited = burst.filter((res) => res.status === 429);
			expect(limited).toHaveLength(1);
			expect(limited[0].data).toMatchObject({ statusCode: 429, message: 'Too Many Requests' });
			await new Promise((resolve) => setTimeout(resolve, 2100));
			expect((await api.get('/contacts/', { params: { locationId } })).status).toBe(200);
		});

		it('can be switched off and injects faults on demand', async () => {
			sim.configure({ rateLimit: false, faults: { failNext: { status: 503, count: 1 } } });
			const failed = await api.get('/contacts/', { params: { locationId } });
			expect(failed.status).toBe(503);
			const ok = await api.get('/contacts/', { params: { locationId } });
			expect(ok.status).toBe(200);
			expect(ok.headers['x-ratelimit-remaining']).toBeUndefined();
		});
	});
});
