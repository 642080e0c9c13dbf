/** Issue 5's fault matrix: bulk upsert, Return All, log-call and the webhook trigger, run by a real n8n against the
 * simulators while they inject 429 storms, 5xx bursts, dropped connections, slow answers, expiring and already-used
 * tokens, blacklisting, duplicate and forged deliveries. Every case checks that no item is lost, nothing is written
 * twice and every failure names its cause; each prints one summary line. Windows are time-scaled to keep it short. */
import type { IDataObject } from 'n8n-workflow';

import { n8n } from './harness/n8n';
import {
	chain,
	highLevelNode,
	oAuth2Credential,
	privateIntegrationCredential,
	type HighLevelCredential,
} from './support/highlevel';
import { duplicates, missing, printSummary, summarize } from './support/faults';
import {
	createJwtCredential,
	done,
	chain as rcChain,
	requestsTo,
	ringCentralNode,
	useRingCentralSimulator,
} from './support/ringcentral';
import {
	DEFAULT_CLIENT,
	startHighLevelSimulator,
	type HighLevelSimulator,
} from '../simulators/highlevel';

afterAll(printSummary);

/** 10: HighLevel's 100 requests per 10 s become 100 per second. */
const HIGHLEVEL_TIME_SCALE = 10;

describe('HighLevel under faults', () => {
	let sim: HighLevelSimulator;
	beforeAll(async () => {
		sim = await startHighLevelSimulator({ rateLimit: true });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		sim.configure({ timeScale: HIGHLEVEL_TIME_SCALE });
	});
	afterEach(() => expect(sim.violations).toEqual([]));

	const people = (count: number, tag: string) =>
		Array.from({ length: count }, (_, i) => ({
			email: `${tag}-${i}@faults.example`,
			firstName: `${tag}${i}`,
		}));
	const upsertNode = (credential: HighLevelCredential, requestOptions = {}) =>
		highLevelNode('Upsert', credential, 'contact', 'upsert', {
			additionalFields: { email: '={{ $json.email }}', firstName: '={{ $json.firstName }}' },
			requestOptions,
		});
	const upserts = () => sim.requests.filter((request) => request.path === '/contacts/upsert');

	/** Runs the upsert of `input` and checks: every item in the output and the store once, one successful write each. */
	async function upsertAll(
		name: string,
		input: Array<{ email: string }>,
		requestOptions = {},
		credential?: HighLevelCredential,
	) {
		credential ??= await privateIntegrationCredential(sim);
		const result = await n8n.runWorkflow(chain([upsertNode(credential, requestOptions)]), input);

		const emails = input.map((person) => person.email);
		const stored = sim.store
			.contactsOf(sim.seed({}).locationId)
			.map((contact) => String(contact.email));
		const written = upserts()
			.filter((request) => request.status === 200)
			.map((request) => String((request.body as IDataObject).email));
		const output = result.json('Upsert').map((contact) => String(contact.email));
		summarize(name, {
			items: input.length,
			lost: new Set([...missing(emails, stored), ...missing(emails, output)]).size,
			duplicateWrites: duplicates(written).length + duplicates(stored).length,
			errors: result.error && [result.error.message],
			requests: upserts(),
		});
		expect(result.error).toBeUndefined();
		expect(output).toEqual(emails);
		expect(stored.sort()).toEqual([...emails].sort());
		expect(written.sort()).toEqual([...emails].sort());
	}

	/** Another client of the same location (another worker or app install), unpaced: 150 requests a second. */
	async function otherClient(token: string, locationId: string, durationMs: number): Promise<void> {
		const url = `${sim.url}/contacts/search/duplicate?locationId=${locationId}&email=other%40faults.example`;
		const headers = { authorization: `Bearer ${token}`, version: '2021-07-28' };
		const sent: Array<Promise<unknown>> = [];
		for (const end = Date.now() + durationMs; Date.now() < end;) {
			sent.push(fetch(url, { headers }).then(async (response) => await response.arrayBuffer()));
			await new Promise((resolve) => setTimeout(resolve, 1000 / 150));
		}
		await Promise.all(sent);
	}

	test('bulk upsert through a 429 storm from another client of the same location: waits every 429 out', async () => {
		const { access_token: token, locationId } = sim.issueToken({ kind: 'private-integration' });
		const name = `HighLevel PIT ${Date.now()}`;
		const type = 'highLevelPrivateIntegrationApi';
		const id = await n8n.createCredential(type, name, {
			token: String(token),
			locationId: String(locationId),
			apiUrl: sim.url,
		});
		const storm = otherClient(String(token), String(locationId), 4000);

		// default Max Retries: 429s are waited out without spending them
		await upsertAll('bulk upsert, 429 storm', people(150, 'storm'), {}, { type, id, name });
		await storm;

		// the storm overlapped the run (the location refused requests while the upserts went on); upsertAll has
		// checked that nothing was lost or written twice
		const refused = sim.requests.filter(
			(r) => r.path === '/contacts/search/duplicate' && r.status === 429,
		);
		const sent = upserts();
		expect(refused.length).toBeGreaterThan(0);
		expect(sent[0].at).toBeLessThan(refused[refused.length - 1].at);
		expect(refused[0].at).toBeLessThan(sent[sent.length - 1].at);
	});

	test('bulk upsert through a 5xx burst and dropped connections: retries the idempotent upsert', async () => {
		sim.server.configure({ faults: { failNext: [{ status: 503, count: 2 }], dropNext: 1 } });
		await upsertAll('bulk upsert, 5xx burst + reset', people(40, 'burst'), { maxRetries: 4 });
		expect(upserts().filter((request) => request.status === 503)).toHaveLength(2);
		expect(upserts().filter((request) => request.status === 0)).toHaveLength(1);
	});

	test('Return All through slow answers, a 5xx burst and a dropped connection: every contact once', async () => {
		const { contactIds } = sim.seed({ contacts: 1600 });
		const credential = await privateIntegrationCredential(sim);
		sim.server.configure({
			faults: {
				latencyMs: 150,
				dropNext: 1,
				failNext: { status: 502, count: 2, pathPrefix: '/contacts/search' },
			},
		});

		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('All', credential, 'contact', 'getAll', { returnAll: true, simplify: false }),
			]),
		);

		const ids = result.json('All').map((contact) => String(contact.id));
		const searches = sim.requests.filter((request) => request.path === '/contacts/search');
		summarize('Return All, slow + 5xx + reset', {
			items: contactIds.length,
			lost: missing(contactIds, ids).length,
			duplicateWrites: duplicates(ids).length,
			errors: result.error && [result.error.message],
			requests: searches,
		});
		expect(result.error).toBeUndefined();
		expect(ids.sort()).toEqual([...contactIds].sort());
		// 4 pages of 500 (the last one short) plus the 3 failed attempts
		expect(searches.filter((request) => request.status === 200)).toHaveLength(4);
	});

	test('access token expiring mid-run: refreshed once, the request replayed, the rotated token stored', async () => {
		sim.configure({ accessTokenTtlSeconds: 1 });
		const tokenData = sim.issueToken();
		const credential = await oAuth2Credential(sim, tokenData);
		sim.server.configure({ faults: { latencyMs: 20 } });
		const input = people(60, 'expiry');

		const result = await n8n.runWorkflow(chain([upsertNode(credential)]), input);

		const emails = input.map((person) => person.email);
		const written = upserts()
			.filter((request) => request.status === 200)
			.map((request) => String((request.body as IDataObject).email));
		const refused = upserts().filter((request) => request.status === 401);
		summarize('upsert, access token expires mid-run', {
			items: input.length,
			lost: missing(emails, written).length,
			duplicateWrites: duplicates(written).length,
			errors: result.error && [result.error.message],
			requests: sim.requests,
		});
		expect(result.error).toBeUndefined();
		expect(written).toEqual(emails);
		// 60 items at 20 ms+ each outlive the 1 s token more than once; each expiry costs one 401 and one refresh
		expect(sim.auth.refreshCount).toBeGreaterThanOrEqual(1);
		expect(refused).toHaveLength(sim.auth.refreshCount);
		const stored = (await n8n.getCredentialData(credential.id)).oauthTokenData as IDataObject;
		expect(stored.refresh_token).not.toBe(tokenData.refresh_token);
	});

	test('refresh token already used elsewhere: the run stops with "reconnect this credential" and no token in it', async () => {
		sim.configure({ accessTokenTtlSeconds: 0 });
		const tokenData = sim.issueToken();
		// another n8n instance (or the other worker) refreshed first: the single-use refresh token is spent
		expect(
			sim.auth.exchange({
				client_id: DEFAULT_CLIENT.clientId,
				client_secret: DEFAULT_CLIENT.clientSecret,
				grant_type: 'refresh_token',
				refresh_token: String(tokenData.refresh_token),
			}).ok,
		).toBe(true);
		const credential = await oAuth2Credential(sim, tokenData);
		const input = people(3, 'spent');

		const result = await n8n.runWorkflow(chain([upsertNode(credential)]), input);

		const text = `${result.error?.message} ${result.error?.description ?? ''}`;
		summarize('upsert, refresh token already used', {
			items: input.length,
			lost: 0,
			duplicateWrites: 0,
			errors: result.error && [result.error.message],
			requests: sim.requests,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/reconnect this HighLevel credential/i);
		for (const token of [tokenData.access_token, tokenData.refresh_token])
			expect(text).not.toContain(String(token));
		expect(upserts().filter((request) => request.status === 200)).toEqual([]);
	});

	test('two runs sharing an expired credential refresh it once (single-use refresh tokens, n8n issue #12230)', async () => {
		sim.configure({ accessTokenTtlSeconds: 0 });
		const expired = sim.issueToken();
		sim.configure({ accessTokenTtlSeconds: 86399 });
		const credential = await oAuth2Credential(sim, expired);
		const first = people(5, 'first');
		const second = people(5, 'second');

		const results = await Promise.all([
			n8n.runWorkflow(chain([upsertNode(credential)]), first),
			n8n.runWorkflow(chain([upsertNode(credential)]), second),
		]);

		const written = upserts()
			.filter((request) => request.status === 200)
			.map((request) => String((request.body as IDataObject).email));
		const emails = [...first, ...second].map((person) => person.email);
		const errors = results.flatMap((result) => (result.error ? [result.error.message] : []));
		summarize('two runs, one expired credential', {
			items: emails.length,
			lost: missing(emails, written).length,
			duplicateWrites: duplicates(written).length,
			errors,
			requests: sim.requests,
		});
		expect(errors).toEqual([]);
		expect(written.sort()).toEqual(emails.sort());
		expect(sim.auth.refreshCount).toBe(1);
	});

	test('bulk create (not idempotent) through a dropped connection, a 503 and 429s: failures named, nothing twice', async () => {
		const credential = await privateIntegrationCredential(sim);
		const input = people(20, 'create');
		// in order: item 0's request is dropped, item 1's answered 503 (neither is retried: HighLevel may have
		// created the contact), item 2's refused twice with 429 (retried: a 429 did nothing)
		sim.server.configure({
			faults: {
				dropNext: 1,
				failNext: [
					{ status: 503, count: 1 },
					{ status: 429, count: 2 },
				],
			},
		});

		const result = await n8n.runWorkflow(
			chain([
				highLevelNode(
					'Create',
					credential,
					'contact',
					'create',
					{ additionalFields: { email: '={{ $json.email }}' } },
					{ onError: 'continueRegularOutput' },
				),
			]),
			input,
		);

		const output = result.json('Create');
		const failed = output.flatMap((item, i) => (item.error ? [input[i].email] : []));
		const errors = output.flatMap((item) => (item.error ? [String(item.error)] : []));
		const stored = sim.store
			.contactsOf(sim.seed({}).locationId)
			.map((contact) => String(contact.email));
		const accounted = [...stored, ...failed];
		summarize('bulk create, reset + 503 + 429', {
			items: input.length,
			lost: missing(
				input.map((person) => person.email),
				accounted,
			).length,
			duplicateWrites: duplicates(accounted).length,
			errors,
			requests: sim.requests,
		});
		expect(failed).toEqual([input[0].email, input[1].email]);
		expect(errors[0]).toMatch(/connection reset.*not retried because HighLevel may already have acted/);
		expect(errors[1]).toMatch(/503.*not retried because HighLevel may already have acted/);
		expect(stored.sort()).toEqual(
			input
				.slice(2)
				.map((person) => person.email)
				.sort(),
		);
	});

	test('log-call through 429s, 5xx, a dropped connection and a re-run: every call logged exactly once', async () => {
		const calls = Array.from({ length: 12 }, (_, i) => ({
			id: `call-${i}`,
			direction: 'Inbound',
			from: { phoneNumber: `+1415555${String(1000 + i)}`, name: `Caller ${i}` },
			to: { phoneNumber: '+16505550101' },
			result: i % 3 ? 'Answered' : 'Missed',
			startTime: `2026-03-0${1 + (i % 9)}T10:00:00.000Z`,
			duration: 60 + i,
		}));
		const credential = await oAuth2Credential(sim, sim.issueToken());
		const logCall = highLevelNode('Log', credential, 'ringCentral', 'logCall', {
			activityId: '={{ $json.id }}',
			direction: '={{ $json.direction }}',
			from: '={{ $json.from.phoneNumber }}',
			to: '={{ $json.to.phoneNumber }}',
			contactName: '={{ $json.from.name }}',
			result: '={{ $json.result }}',
			time: '={{ $json.startTime }}',
			duration: '={{ $json.duration }}',
			createContact: true,
			missedCallTags: 'missed call',
			requestOptions: { maxRetries: 5 },
		});
		sim.server.configure({
			faults: {
				dropNext: 1,
				failNext: [
					{ status: 429, count: 3, pathPrefix: '/contacts/search/duplicate' },
					{ status: 500, count: 2, pathPrefix: '/contacts/upsert' },
					{ status: 503, count: 1 },
				],
			},
		});

		const first = await n8n.runWorkflow(chain([logCall]), calls);
		// the same calls again, as a retried workflow or a repeated webhook delivery would bring them
		const second = await n8n.runWorkflow(chain([logCall]), calls);

		const notes = [...sim.store.notes.values()].map((note) => String(note.body));
		const perCall = calls.map(
			(call) => notes.filter((body) => body.includes(`[RingCentral call ${call.id}]`)).length,
		);
		const errors = [first, second].flatMap((result) =>
			result.error ? [result.error.message] : [],
		);
		summarize('log-call, 429 + 5xx + reset + re-run', {
			items: calls.length,
			lost: perCall.filter((count) => count === 0).length,
			duplicateWrites: perCall.filter((count) => count > 1).length,
			errors,
			requests: sim.requests,
		});
		expect(errors).toEqual([]);
		expect(first.json('Log').map((item) => item.action)).toEqual(calls.map(() => 'logged'));
		expect(second.json('Log').map((item) => item.action)).toEqual(calls.map(() => 'unchanged'));
		expect(perCall).toEqual(calls.map(() => 1));
		const tagged = [...sim.store.contacts.values()].filter((contact) =>
			contact.tags?.includes('missed call'),
		);
		expect(tagged).toHaveLength(calls.filter((call) => call.result === 'Missed').length);
	});
});

describe('RingCentral under faults', () => {
	const rig = useRingCentralSimulator();

	test('call-log Return All through a 429, a 5xx burst and a dropped connection: every record once', async () => {
		const { sim } = rig;
		sim.seed({ callLog: 2500 });
		const expected = sim.state.callLog.map((record) => String(record.id));
		const credential = await createJwtCredential(sim);
		const calls = (requestOptions = {}) =>
			ringCentralNode('ringCentral', 'Calls', credential, {
				resource: 'callLog',
				operation: 'getAll',
				returnAll: true,
				requestOptions,
			});
		// the JWT exchange happens first and is not what this case is about: a dropped connection there fails the
		// run ("Could not reach the RingCentral token endpoint"), so the token is fetched before the faults start
		await n8n.runWorkflow(rcChain(calls()));
		sim.server.requests.length = 0;
		sim.server.configure({
			faults: {
				dropNext: 1,
				failNext: [
					{ status: 429, count: 1, pathPrefix: '/restapi/v1.0/account/~/extension/~/call-log' },
					{ status: 503, count: 2, pathPrefix: '/restapi/v1.0/account/~/extension/~/call-log' },
				],
			},
		});

		const result = await n8n.runWorkflow(rcChain(calls({ maxRetries: 5 })));

		const ids = result.json('Calls').map((call) => String(call.id));
		summarize('call-log Return All, 429 + 5xx + reset', {
			items: expected.length,
			lost: missing(expected, ids).length,
			duplicateWrites: duplicates(ids).length,
			errors: result.error && [result.error.message],
			requests: requestsTo(sim, '/call-log'),
		});
		expect(result.error).toBeUndefined();
		expect(ids.sort()).toEqual(expected.sort());
	});

	/** An active trigger workflow for inbound SMS; returns its id and the subscription the trigger created. */
	async function activeSmsTrigger() {
		const { sim } = rig;
		const credential = await createJwtCredential(sim);
		const workflowId = await rig.activate(
			rcChain(
				ringCentralNode('ringCentralTrigger', 'Trigger', credential, { events: ['inboundSms'] }),
				done,
			),
		);
		const subscription = sim.subscriptions.all.find((s) => s.status === 'Active');
		if (!subscription) throw new Error('the trigger created no subscription');
		return { workflowId, subscription };
	}

	async function triggeredMessageIds(workflowId: string, count: number): Promise<string[]> {
		const executions = await n8n.waitForExecutions(workflowId, count);
		const results = await Promise.all(
			executions.map(async (execution) => await n8n.getExecution(execution.id)),
		);
		return results.flatMap((result) => result.json('Trigger').map((item) => String(item.id)));
	}

	test('duplicate and forged deliveries: each SMS starts one execution, forgeries none', async () => {
		const { sim } = rig;
		const { workflowId, subscription } = await activeSmsTrigger();
		sim.configure({ duplicateDeliveries: true });

		const sent: string[] = [];
		let last: Record<string, unknown> = {};
		for (let i = 0; i < 5; i++) {
			({ record: last } = await sim.receiveSms({
				from: `+1415555${2000 + i}`,
				text: `hello ${i}`,
			}));
			sent.push(String(last.id));
		}
		// one more notification whose three copies (one uuid) arrive at the same time
		const racing = { ...last, id: 'racing-copies' };
		await sim.deliver(subscription.id, { body: racing, copies: 3, concurrent: true });
		sent.push(racing.id);
		const forged = [
			...(await sim.deliver(subscription.id, {
				body: { ...last, id: 'forged-1' },
				verificationToken: 'guessed',
			})),
			...(await sim.deliver(subscription.id, {
				body: { ...last, id: 'forged-2' },
				verificationToken: null,
			})),
		];

		sim.configure({ duplicateDeliveries: false });
		const ids = await triggeredMessageIds(workflowId, sent.length);
		// anything late would show up now
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const executions = await n8n.listExecutions(workflowId);
		summarize('webhook, duplicate + forged deliveries', {
			items: sent.length,
			lost: missing(sent, ids).length,
			duplicateWrites: executions.length - sent.length,
			errors: forged.map((delivery) => `forged delivery answered ${delivery.status}`),
			requests: sim.server.requests,
		});
		expect(forged.map((delivery) => delivery.status)).toEqual([401, 401]);
		expect(ids.sort()).toEqual([...sent].sort());
		expect(executions).toHaveLength(sent.length);
	});

	test('blacklisted subscription: replaced when the workflow is published again, deliveries resume', async () => {
		const { sim } = rig;
		const { workflowId, subscription } = await activeSmsTrigger();
		// three failed deliveries in a row make RingCentral blacklist the subscription
		for (let i = 0; i < 3; i++)
			await sim.deliver(subscription.id, { body: {}, verificationToken: 'wrong' });
		expect(subscription.status).toBe('Blacklisted');

		// n8n checks its webhooks' subscriptions when it starts (also after an update or a crash)
		await n8n.restartN8n();
		const { record } = await sim.receiveSms({ from: '+14155553000', text: 'after blacklist' });

		const ids = await triggeredMessageIds(workflowId, 1);
		const active = sim.subscriptions.all.filter((s) => s.status === 'Active');
		summarize('webhook, subscription blacklisted', {
			items: 1,
			lost: missing([String(record.id)], ids).length,
			duplicateWrites: ids.length - 1,
			errors: [`subscription ${subscription.status}: ${subscription.blacklistedData?.reason}`],
			requests: sim.server.requests,
		});
		expect(active).toHaveLength(1);
		expect(active[0].id).not.toBe(subscription.id);
		expect(ids).toEqual([String(record.id)]);
		// the blacklisted one was cancelled: it still counts towards RingCentral's 30 subscriptions per user
		expect(sim.subscriptions.all.map((s) => s.id)).not.toContain(subscription.id);
	});
});
