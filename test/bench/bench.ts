/** `npm run bench`: issue 5's measures on the simulators, inside a real n8n booted by the e2e harness. Windows are
 * time-scaled so the run takes a couple of minutes. Prints one line per measure with its goal; always exits 0.
 *
 * "Fraction of the ceiling" = the time the rate limit itself imposes on the requests made (a fixed window of
 * B requests per W: the N-th request cannot go before floor((N - 1) / B) windows) / the time they actually took. */
import { readFileSync, writeFileSync } from 'fs';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import globalSetup from '../e2e/harness/global-setup';
import globalTeardown from '../e2e/harness/global-teardown';
import { readState } from '../e2e/harness/n8n-process';
import type { ExecutionResult, WorkflowNode } from '../e2e/harness/n8n';
import type { RecordedRequest } from '../simulators/common/http';
import { startHighLevelSimulator, type HighLevelSimulator } from '../simulators/highlevel';
import { startRingCentralSimulator } from '../simulators/ringcentral';

type Harness = typeof import('../e2e/harness/n8n');
type HighLevelSupport = typeof import('../e2e/support/highlevel');

const HIGHLEVEL = { limit: 100, windowMs: 10_000 };
const HEAVY = { limit: 10, windowMs: 60_000 };
/** Our node's "Items in Parallel" in the upsert measures, where the HTTP Request node sends concurrently too. */
const ITEMS_IN_PARALLEL = 20;

function line(measure: string, value: string, goal = ''): void {
	process.stdout.write(`bench ${measure}: ${value}${goal ? `  (goal ${goal})` : ''}\n`);
}

const ratio = (value: number) => value.toFixed(2);

/** Ideal / actual time of `requests`, under a fixed window of `limit` requests per `windowMs` (real ms). */
function fractionOfCeiling(requests: RecordedRequest[], limit: number, windowMs: number): number {
	const span = requests[requests.length - 1].at - requests[0].at;
	const ideal = Math.floor((requests.length - 1) / limit) * windowMs;
	return span === 0 ? 1 : ideal / span;
}

/**
 * Where the time of a rate-limited run goes, window by window (B requests each): how long n8n took to send a
 * window's budget (its per-request latency) and how long the engine then waited for the next window.
 */
function timeBudget(requests: RecordedRequest[], limit: number): string {
	const sending: number[] = [];
	const waiting: number[] = [];
	for (let start = 0; start + limit < requests.length; start += limit) {
		sending.push(requests[start + limit - 1].at - requests[start].at);
		waiting.push(requests[start + limit].at - requests[start + limit - 1].at);
	}
	const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
	return (
		`per window: ${Math.round(mean(sending))} ms sending ${limit} requests ` +
		`(${(mean(sending) / (limit - 1)).toFixed(1)} ms each), then ${Math.round(mean(waiting))} ms waiting for the next window`
	);
}

/** Runs one measure, bounded: one that does not finish in time prints why instead of holding up the rest. */
async function bounded(measure: string, limitMs: number, run: () => Promise<void>): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`did not finish within ${limitMs / 1000} s`)),
			limitMs,
		);
	});
	try {
		await Promise.race([run(), timeout]);
	} catch (error) {
		line(measure, `not measured: ${(error as Error).message}`);
	} finally {
		clearTimeout(timer);
	}
}

/** The n8n process's peak resident memory since the last reset (kB), from /proc. */
function peakMemoryKb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
	const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
		readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	return Number(match?.[1] ?? NaN);
}

/** Writing 5 to clear_refs resets VmHWM to the current resident size (Linux >= 4.0). */
function resetPeakMemory(pid: number): void {
	writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function nodeMs(result: ExecutionResult, node: string): number {
	return result.runData[node]?.at(-1)?.executionTime ?? NaN;
}

/** n8n's HTTP Request node doing the HighLevel upsert with a Bearer header credential. */
async function httpRequestUpsert(
	{ n8n }: Harness,
	sim: HighLevelSimulator,
	token: string,
	locationId: string,
	batch: { batchSize: number; batchInterval: number },
): Promise<WorkflowNode> {
	const name = `Bearer ${Date.now()}`;
	const id = await n8n.createCredential('httpHeaderAuth', name, {
		name: 'Authorization',
		value: `Bearer ${token}`,
	});
	const parameters: INodeParameters = {
		method: 'POST',
		url: `${sim.url}/contacts/upsert`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Version', value: '2021-07-28' }] },
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ locationId: "${locationId}", email: $json.email, firstName: $json.firstName }) }}`,
		options: { batching: { batch } },
	};
	return {
		name: 'HTTP',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters,
		credentials: { httpHeaderAuth: { id, name } },
		// its best retry settings: retry the failed run, waiting the longest it allows
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: 5000,
	};
}

const people = (count: number, tag: string) =>
	Array.from({ length: count }, (_, i) => ({
		email: `${tag}-${i}@bench.example`,
		firstName: `${tag}${i}`,
	}));

async function upsertRun(
	harness: Harness,
	support: HighLevelSupport,
	sim: HighLevelSimulator,
	count: number,
	which: 'ours' | 'http',
	windowMs: number,
): Promise<{ requests: RecordedRequest[]; failed: number; result: ExecutionResult; node: string }> {
	sim.reset();
	sim.configure({ timeScale: HIGHLEVEL.windowMs / windowMs });
	const input = people(count, which);
	let node: WorkflowNode;
	if (which === 'ours') {
		const credential = await support.privateIntegrationCredential(sim);
		node = support.highLevelNode('Upsert', credential, 'contact', 'upsert', {
			additionalFields: { email: '={{ $json.email }}', firstName: '={{ $json.firstName }}' },
			requestOptions: { maxRetries: 10, itemsInParallel: ITEMS_IN_PARALLEL },
		});
	} else {
		const token = String(sim.issueToken({ kind: 'private-integration' }).access_token);
		node = await httpRequestUpsert(harness, sim, token, sim.seed({}).locationId, {
			batchSize: HIGHLEVEL.limit,
			batchInterval: windowMs,
		});
	}
	const result = await harness.n8n.runWorkflow({ nodes: [node], connections: {} }, input);
	const stored = new Set(
		sim.store.contactsOf(sim.seed({}).locationId).map((contact) => contact.email),
	);
	const failed = input.filter((person) => !stored.has(person.email)).length;
	return {
		requests: sim.requests.filter((r) => r.path === '/contacts/upsert'),
		failed,
		result,
		node: node.name,
	};
}

async function benchUpsert(
	harness: Harness,
	support: HighLevelSupport,
	sim: HighLevelSimulator,
): Promise<void> {
	// Time scale 5 (a ceiling of 50 requests/s): n8n spends about 10 ms on each item of a node that works through
	// its items one by one, so at scale 10 (100/s) this would time n8n rather than the pacing.
	const windowMs = 2_000;
	for (const which of ['ours', 'http'] as const) {
		const { requests, failed, result } = await upsertRun(
			harness,
			support,
			sim,
			2000,
			which,
			windowMs,
		);
		const limited = requests.filter((request) => request.status === 429).length;
		const label =
			which === 'ours' ? `our node (${ITEMS_IN_PARALLEL} items in parallel)` : 'HTTP Request node';
		line(`upsert 2000, ${label}, where the time goes`, timeBudget(requests, HIGHLEVEL.limit));
		line(
			`upsert 2000, ${label}`,
			`fraction of ceiling ${ratio(fractionOfCeiling(requests, HIGHLEVEL.limit, windowMs))}, ` +
				`${requests.length} requests, 429s ${limited} (${((100 * limited) / requests.length).toFixed(1)} %), ` +
				`items failed ${failed}${result.error ? `, run error "${result.error.message}"` : ''}`,
			'>= 0.95, 429s <= 1 %, 0 failed',
		);
	}
}

async function benchReturnAll(
	harness: Harness,
	support: HighLevelSupport,
	sim: HighLevelSimulator,
): Promise<void> {
	const count = 50_000;
	// at the real window the fetch is bound by the rate limit (10 pages/s), not by n8n
	sim.reset();
	sim.seed({ contacts: count });
	const credential = await support.privateIntegrationCredential(sim);
	const { pid } = readState();
	const before = peakMemoryKb(pid, 'VmRSS');
	resetPeakMemory(pid);
	const result = await harness.n8n.runWorkflow(
		support.chain([
			support.highLevelNode('All', credential, 'contact', 'getAll', {
				returnAll: true,
				simplify: false,
			}),
		]),
	);
	const peak = peakMemoryKb(pid);
	const contacts = result.json('All');
	const jsonKb = Buffer.byteLength(JSON.stringify(contacts)) / 1024;
	const searches = sim.requests.filter((request) => request.path === '/contacts/search');
	line(
		'Return All 50000, requests',
		`${searches.length} used, minimum ${Math.ceil(count / 500)}, ${contacts.length} contacts returned`,
		'minimum (+1 empty page at most)',
	);
	line(
		'Return All 50000, fraction of ceiling',
		ratio(fractionOfCeiling(searches, HIGHLEVEL.limit, HIGHLEVEL.windowMs)),
		'>= 0.95',
	);
	line(
		'Return All 50000, peak memory',
		`n8n grew ${Math.round((peak - before) / 1024)} MB over ${Math.round(before / 1024)} MB for a ` +
			`${Math.round(jsonKb / 1024)} MB result: ${ratio((peak - before) / jsonKb)}x the JSON size`,
		'<= 2x',
	);
}

async function benchNoRateLimit(
	harness: Harness,
	support: HighLevelSupport,
	sim: HighLevelSimulator,
): Promise<void> {
	const count = 10_000;
	const itemsPerSecond: Record<string, number> = {};
	for (const which of ['ours', 'http'] as const) {
		sim.reset();
		sim.configure({ rateLimit: false });
		const input = people(count, `fast-${which}`);
		const credential = await support.privateIntegrationCredential(sim);
		const node =
			which === 'ours'
				? support.highLevelNode('Upsert', credential, 'contact', 'upsert', {
						additionalFields: { email: '={{ $json.email }}', firstName: '={{ $json.firstName }}' },
						requestOptions: { itemsInParallel: ITEMS_IN_PARALLEL },
					})
				: await httpRequestUpsert(
						harness,
						sim,
						String(sim.issueToken({ kind: 'private-integration' }).access_token),
						sim.seed({}).locationId,
						{ batchSize: -1, batchInterval: 0 },
					);
		const result = await harness.n8n.runWorkflow({ nodes: [node], connections: {} }, input);
		itemsPerSecond[which] = (1000 * result.output(node.name).length) / nodeMs(result, node.name);
	}
	line(
		'rate limit off, 10000 items',
		`our node (${ITEMS_IN_PARALLEL} items in parallel) ${Math.round(itemsPerSecond.ours)} items/s, HTTP Request node ${Math.round(itemsPerSecond.http)} items/s, ` +
			`ratio ${ratio(itemsPerSecond.ours / itemsPerSecond.http)}`,
		'>= 1.0',
	);
}

async function benchRingCentral(harness: Harness): Promise<void> {
	const { n8n, nodeType } = harness;
	const sim = await startRingCentralSimulator();
	try {
		// Time scale 6: each window costs the engine the latency of its first answer (it cannot know the window's
		// start sooner without risking RingCentral's penalty), which a shorter window would exaggerate.
		const windowMs = 10_000;
		sim.server.configure({ timeScale: HEAVY.windowMs / windowMs });
		sim.seed({ callLog: 40_000 });
		const credential = { id: '', name: `RingCentral JWT ${Date.now()}` };
		credential.id = await n8n.createCredential('ringCentralJwtApi', credential.name, {
			apiUrl: sim.url,
			clientId: sim.clientId,
			clientSecret: sim.clientSecret,
			jwtToken: sim.issueJwt(),
		});
		const result = await n8n.runWorkflow({
			nodes: [
				{
					name: 'Calls',
					type: nodeType('ringCentral'),
					parameters: {
						authentication: 'ringCentralJwtApi',
						resource: 'callLog',
						operation: 'getAll',
						returnAll: true,
					},
					credentials: { ringCentralJwtApi: credential },
				},
			],
			connections: {},
		});
		const pages = sim.server.requests.filter((request) => request.path.endsWith('/call-log'));
		line('RingCentral call-log Return All, where the time goes', timeBudget(pages, HEAVY.limit));
		line(
			'RingCentral call-log Return All (Heavy, 10 per window)',
			`fraction of ceiling ${ratio(fractionOfCeiling(pages, HEAVY.limit, windowMs))}, ${pages.length} requests, ` +
				`429s ${pages.filter((request) => request.status === 429).length}, ${result.json('Calls').length} records`,
			'>= 0.95',
		);
		await benchWebhook(harness, sim);
	} finally {
		await sim.close();
	}
}

function percentile(sortedMs: number[], p: number): number {
	return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

/** Fires `count` requests at `perSecond` and returns their response times (ms), sorted. */
async function timedRequests(
	count: number,
	perSecond: number,
	send: (i: number) => Promise<Response>,
): Promise<number[]> {
	const times: Array<Promise<number>> = [];
	const start = performance.now();
	for (let i = 0; i < count; i++) {
		const due = start + (i * 1000) / perSecond;
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
		const sent = performance.now();
		times.push(
			send(i).then(async (response) => (await response.arrayBuffer(), performance.now() - sent)),
		);
	}
	return (await Promise.all(times)).sort((a, b) => a - b);
}

async function benchWebhook(
	harness: Harness,
	sim: Awaited<ReturnType<typeof startRingCentralSimulator>>,
): Promise<void> {
	const { n8n, nodeType } = harness;
	sim.server.configure({ timeScale: 60 });
	const credential = { id: '', name: `RingCentral JWT ${Date.now()}` };
	credential.id = await n8n.createCredential('ringCentralJwtApi', credential.name, {
		apiUrl: sim.url,
		clientId: sim.clientId,
		clientSecret: sim.clientSecret,
		jwtToken: sim.issueJwt(),
	});
	const workflowId = await n8n.activateWorkflow({
		nodes: [
			{
				name: 'Trigger',
				type: nodeType('ringCentralTrigger'),
				parameters: { authentication: 'ringCentralJwtApi', events: ['inboundSms'] },
				credentials: { ringCentralJwtApi: credential },
			},
		],
		connections: {},
	});
	const subscription = sim.subscriptions.all.find((s) => s.status === 'Active');
	if (!subscription) throw new Error('the trigger created no subscription');
	const { record } = await sim.receiveSms({ from: '+14155550123', text: 'bench' });
	const post = async (headers: Record<string, string>, body: IDataObject) =>
		await fetch(subscription.address, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(body),
		});
	const rate = 200;
	const handshake = await timedRequests(
		400,
		rate,
		async (i) => await post({ 'Validation-Token': `bench-${i}` }, {}),
	);
	const deliveries = await timedRequests(
		1000,
		rate,
		async (i) =>
			await post(
				{ 'Verification-Token': String(subscription.verificationToken) },
				{
					uuid: `bench-${i}`,
					event: subscription.eventFilters[0],
					timestamp: new Date().toISOString(),
					subscriptionId: subscription.id,
					body: { ...record, id: `bench-${i}` } as IDataObject,
				},
			),
	);
	for (const [what, times] of [
		['handshake', handshake],
		['delivery', deliveries],
	] as const) {
		line(
			`webhook ${what} at ${rate}/s`,
			`p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (${times.length} requests)`,
			'RingCentral needs the handshake answered within 3 s',
		);
	}
	// after the numbers: n8n may still be busy with the 1 000 executions the deliveries started
	await n8n.deactivateWorkflow(workflowId);
}

/** `--only=upsert,rate limit` runs the measures whose name contains one of the given parts (default: all). */
function selected(measure: string): boolean {
	const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
	return (
		!only || only.split(',').some((part) => measure.toLowerCase().includes(part.toLowerCase()))
	);
}

async function main(): Promise<void> {
	await globalSetup();
	const state = readState();
	if (state.bootError) throw new Error(state.bootError);
	// the harness client reads the state global setup just published
	const harness: Harness = await import('../e2e/harness/n8n');
	const support: HighLevelSupport = await import('../e2e/support/highlevel');
	const sim = await startHighLevelSimulator({ rateLimit: true });
	try {
		line('setup', `n8n ${state.baseUrl} (pid ${state.pid}); reproduce with: npm run bench`);
		const measures: Array<[string, () => Promise<void>]> = [
			['upsert 2000', async () => await benchUpsert(harness, support, sim)],
			['Return All 50000', async () => await benchReturnAll(harness, support, sim)],
			['rate limit off, 10000 items', async () => await benchNoRateLimit(harness, support, sim)],
			['RingCentral', async () => await benchRingCentral(harness)],
		];
		for (const [measure, run] of measures.filter(([measure]) => selected(measure))) {
			await bounded(measure, 180_000, run);
		}
	} finally {
		await sim.close();
		await globalTeardown();
	}
}

main().catch((error: Error) => {
	line('aborted', error.stack ?? error.message);
});
