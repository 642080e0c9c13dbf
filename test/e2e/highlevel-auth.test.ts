/** Issue 2's proof, part 2: Return All over 25 000 contacts in a real n8n while the OAuth2 access token expires
 * mid-run; the single-use refresh token rotates and n8n keeps the new one; a refused refresh asks to reconnect. */
import { setTimeout as sleep } from 'timers/promises';

import { n8n } from './harness/n8n';
import {
	contactRef,
	highLevelNode,
	oAuth2Credential,
	pairedItems,
	routeCounts,
} from './support/highlevel';
import {
	DEFAULT_CLIENT,
	startHighLevelSimulator,
	type HighLevelSimulator,
} from '../simulators/highlevel';

let sim: HighLevelSimulator;
beforeAll(async () => {
	sim = await startHighLevelSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());
afterEach(() => expect(sim.violations).toEqual([]));

const searches = () => sim.requests.filter((r) => r.path === '/contacts/search');

/** Makes HighLevel answer 401 for `accessToken` from now on, as it does once a token's day is over. */
function expire(accessToken: unknown): void {
	sim.auth.lookup(accessToken as string)!.expiresAt = Date.now();
}

/** Expires the token as soon as the simulator has answered `pages` search pages: mid-run, whatever n8n's pace. */
async function expireAfterSearchPages(accessToken: unknown, pages: number): Promise<void> {
	while (searches().filter((r) => r.status === 200).length < pages) await sleep(2);
	expire(accessToken);
}

describe('OAuth2 token lifecycle', () => {
	test('Return All fetches 25 000 contacts while the token expires mid-run: one refresh, and the rotated token is stored for the next run', async () => {
		const seeded = sim.seed({ contacts: 25_000 }).contactIds;
		const token = sim.issueToken();
		const credential = await oAuth2Credential(sim, token);
		const getAll = highLevelNode('All Contacts', credential, 'contact', 'getAll', {
			returnAll: true,
		});

		const [run] = await Promise.all([
			n8n.runWorkflow({ nodes: [getAll], connections: {} }),
			expireAfterSearchPages(token.access_token, 10),
		]);

		expect(run.error).toBeUndefined();
		const contacts = run.json('All Contacts');
		expect(contacts).toHaveLength(25_000);
		expect(new Set(contacts.map((contact) => contact.id))).toEqual(new Set(seeded));
		expect(new Set(pairedItems(run, 'All Contacts'))).toEqual(new Set([0]));

		// the page refused with 401 was asked again, with the same cursor, after exactly one refresh
		const pages = searches();
		const refused = pages.findIndex((r) => r.status === 401);
		expect(pages.filter((r) => r.status !== 200)).toEqual([pages[refused]]);
		expect(refused).toBeGreaterThanOrEqual(10);
		expect(pages[refused + 1].body).toEqual(pages[refused].body);
		expect(routeCounts(sim.requests.filter((r) => r.path === '/oauth/token'))).toEqual({
			'POST /oauth/token': 1,
		});
		expect(sim.requests.find((r) => r.path === '/oauth/token')).toMatchObject({
			status: 200,
			body: { grant_type: 'refresh_token', client_id: DEFAULT_CLIENT.clientId },
		});
		expect(sim.auth.refreshCount).toBe(1);
		// searchAfter paging: the first page has no cursor, every later one continues from the page before
		const answered = pages
			.filter((r) => r.status === 200)
			.map((r) => r.body as { pageLimit: number; searchAfter?: unknown });
		expect(answered[0].searchAfter).toBeUndefined();
		expect(answered.slice(1).every((body) => Array.isArray(body.searchAfter))).toBe(true);
		expect(answered.every((body) => body.pageLimit <= 500)).toBe(true);
		expect(answered.length).toBeLessThanOrEqual(Math.ceil(25_000 / 500) + 1);

		// n8n stored the new pair: HighLevel refresh tokens are single-use, so the old one is gone for good
		const stored = (await n8n.getCredentialData(credential.id)).oauthTokenData as Record<
			string,
			string
		>;
		expect(stored.access_token).not.toBe(token.access_token);
		expect(stored.refresh_token).not.toBe(token.refresh_token);
		expect(sim.auth.lookup(stored.access_token)?.expiresAt).toBeGreaterThan(Date.now());

		// a second run whose token has expired too can only succeed by refreshing with the stored, rotated token
		expire(stored.access_token);
		sim.requests.length = 0;
		const get = highLevelNode('Get', credential, 'contact', 'get', {
			contactId: contactRef(seeded[0]),
		});

		const second = await n8n.runWorkflow({ nodes: [get], connections: {} });

		expect(second.error).toBeUndefined();
		expect(second.json('Get')).toEqual([expect.objectContaining({ id: seeded[0] })]);
		expect(sim.requests.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([
			`401 GET /contacts/${seeded[0]}`,
			'200 POST /oauth/token',
			`200 GET /contacts/${seeded[0]}`,
		]);
		expect(sim.auth.refreshCount).toBe(2);
	});

	test('a refused refresh (invalid_grant) asks to reconnect the credential, and no token appears anywhere in the execution', async () => {
		const [contactId] = sim.seed({ contacts: 1 }).contactIds;
		const token = sim.issueToken();
		const credential = await oAuth2Credential(sim, token);
		// another n8n instance used the single-use refresh token, and then the access token ran out
		const elsewhere = sim.auth.exchange({
			grant_type: 'refresh_token',
			refresh_token: token.refresh_token as string,
			client_id: DEFAULT_CLIENT.clientId,
			client_secret: DEFAULT_CLIENT.clientSecret,
		});
		expect(elsewhere.ok).toBe(true);
		expire(token.access_token);
		const get = highLevelNode('Get', credential, 'contact', 'get', {
			contactId: contactRef(contactId),
		});

		const run = await n8n.runWorkflow({ nodes: [get], connections: {} });

		expect(run.status).toBe('error');
		expect(run.error).toMatchObject({ node: 'Get' });
		expect(run.error!.message).toMatch(/reconnect/i);
		expect(run.error!.description).toMatch(/reconnect/i);
		const execution = JSON.stringify({ error: run.error, runData: run.runData });
		for (const secret of [token.access_token, token.refresh_token, DEFAULT_CLIENT.clientSecret]) {
			expect(execution).not.toContain(secret);
		}
		expect(execution).not.toMatch(/sim-(at|rt)-/);
		expect(sim.requests.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([
			`401 GET /contacts/${contactId}`,
			'400 POST /oauth/token',
		]);
	});
});
