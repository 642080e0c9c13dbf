import type { IDataObject } from 'n8n-workflow';

import {
	httpErrorResponse,
	ResilienceError,
	sendWithResilience,
	setClock,
	type AttemptResult,
	type Clock,
	type ResiliencePolicy,
} from '../../../nodes/shared/resilience';
import { connectionError, httpError, N8N_LINES, refusedRefresh } from '../support/n8n';

/** Virtual time: sleep() parks a timer; run() fires timers in order until the awaited promise settles. */
class FakeClock implements Clock {
	time = 0;
	readonly sleeps: number[] = [];
	private timers: Array<{ at: number; resolve: () => void }> = [];

	now = () => this.time;

	sleep = async (ms: number) => {
		this.sleeps.push(ms);
		await new Promise<void>((resolve) => this.timers.push({ at: this.time + ms, resolve }));
	};

	async run<T>(promise: Promise<T>): Promise<T> {
		let settled = false;
		promise.then(
			() => (settled = true),
			() => (settled = true),
		);
		for (;;) {
			await new Promise((resolve) => setImmediate(resolve));
			if (settled) return await promise;
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers.shift();
			if (!next) throw new Error('nothing scheduled but the call is still pending');
			this.time = Math.max(this.time, next.at);
			next.resolve();
		}
	}
}

interface ServerOptions {
	limit: number;
	windowMs: number;
	/** Where the server's fixed windows start, relative to time 0. */
	phaseMs?: number;
	/** Like the simulators (and RingCentral): a window starts with the first request after the previous one ended. */
	startsOnArrival?: boolean;
	latencyMs?: number;
	/** Whether 200 responses carry rate-limit headers. */
	sendsHeaders?: boolean;
	/** RingCentral-style penalty: after a 429, every request inside the penalty is refused and re-arms it. */
	penaltyMs?: number;
}

/** A fixed-window rate-limited API, counting each request when it arrives (half the latency after sending). */
class FakeServer {
	readonly arrivals: Array<{ at: number; status: number }> = [];
	private readonly counts = new Map<number, number>();
	private penaltyEndsAt = -Infinity;
	private windowStart = -Infinity;

	constructor(
		private readonly clock: FakeClock,
		private readonly options: ServerOptions,
	) {}

	send = async (): Promise<AttemptResult> => {
		const { limit, windowMs, phaseMs = 0, latencyMs = 40, sendsHeaders = true, penaltyMs } = this.options;
		await this.clock.sleep(latencyMs / 2);
		const at = this.clock.now();
		if (at >= this.windowStart + windowMs) this.windowStart = at;
		const window = this.options.startsOnArrival ? this.windowStart : Math.floor((at - phaseMs) / windowMs);
		const count = (this.counts.get(window) ?? 0) + 1;
		this.counts.set(window, count);
		const headers: IDataObject = {};
		let status = count > limit ? 429 : 200;
		if (penaltyMs !== undefined) {
			if (at < this.penaltyEndsAt) status = 429;
			if (status === 429) this.penaltyEndsAt = at + penaltyMs;
			if (status === 429) headers['retry-after'] = String(penaltyMs / 1000);
		}
		if (sendsHeaders || status === 429) {
			headers['x-ratelimit-max'] = String(limit);
			headers['x-ratelimit-remaining'] = String(Math.max(0, limit - count));
			headers['x-ratelimit-interval-milliseconds'] = String(windowMs);
		}
		this.arrivals.push({ at, status });
		await this.clock.sleep(latencyMs / 2);
		return { statusCode: status, headers, body: {} };
	};

	/** The most requests that arrived in any one of the server's windows. */
	busiestWindow(): number {
		return Math.max(0, ...this.counts.values());
	}

	count(status: number): number {
		return this.arrivals.filter((arrival) => arrival.status === status).length;
	}
}

const number = (value: unknown) => (value === undefined ? undefined : Number(value));

function readHeaders(headers: IDataObject) {
	const retryAfter = number(headers['retry-after']);
	return {
		limit: number(headers['x-ratelimit-max']),
		remaining: number(headers['x-ratelimit-remaining']),
		windowMs: number(headers['x-ratelimit-interval-milliseconds']),
		retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000,
		dailyRemaining: number(headers['x-ratelimit-daily-remaining']),
	};
}

let bucketSequence = 0;
function policyFor(overrides: Partial<ResiliencePolicy> = {}): ResiliencePolicy {
	return {
		api: 'HighLevel',
		bucket: `location-${++bucketSequence}`,
		readRateLimit: readHeaders,
		fallbackLimit: { max: 100, windowMs: 10_000 },
		idempotent: true,
		maxRetries: 3,
		maxWaitMs: 60_000,
		...overrides,
	};
}

const response = (statusCode: number, headers: IDataObject = {}): AttemptResult => ({
	statusCode,
	headers,
	body: {},
});

/** A send() that plays back the given outcomes (a status, or an error to reject with) and counts calls. */
function scripted(...outcomes: Array<number | Error | AttemptResult>) {
	let calls = 0;
	return jest.fn(async (): Promise<AttemptResult> => {
		const next = outcomes[Math.min(calls++, outcomes.length - 1)];
		if (next instanceof Error) throw next;
		return typeof next === 'number' ? response(next) : next;
	});
}

let clock: FakeClock;
beforeEach(() => {
	clock = new FakeClock();
	setClock(clock);
});
afterEach(() => {
	setClock();
	jest.restoreAllMocks();
});

describe('pacing from the rate-limit headers', () => {
	it.each([
		[0, 1],
		[3_700, 1],
		[9_990, 1],
		[3_700, 20],
	])(
		'keeps 300 requests under 100 per 10 s at full speed (server window phase %i ms, %i callers)',
		async (phaseMs, callers) => {
			const server = new FakeServer(clock, { limit: 100, windowMs: 10_000, phaseMs, latencyMs: 80 });
			const policy = policyFor();
			const caller = async () => {
				for (let i = 0; i < 300 / callers; i++) await sendWithResilience(policy, server.send);
			};
			await clock.run(Promise.all(Array.from({ length: callers }, caller)));

			expect(server.count(429)).toBe(0);
			expect(server.busiestWindow()).toBeLessThanOrEqual(100);
			// At the ceiling the 201st request goes 20 s after the first; pacing must not waste much beyond that.
			expect(server.arrivals[200].at - server.arrivals[0].at).toBeLessThan(21_000);
		},
	);

	it('fills a RingCentral Heavy budget of 10 a minute exactly, with requests 6 s apart', async () => {
		const server = new FakeServer(clock, { limit: 10, windowMs: 60_000, phaseMs: 17_000, penaltyMs: 60_000 });
		const policy = policyFor({ api: 'RingCentral', fallbackLimit: { max: 10, windowMs: 60_000 } });
		const sendAll = async () => {
			for (let i = 0; i < 40; i++) await sendWithResilience(policy, server.send);
		};
		await clock.run(sendAll());

		expect(server.count(429)).toBe(0);
		expect(server.busiestWindow()).toBe(10);
		expect(clock.time).toBeLessThan(40 * 6_000);
	});

	it('shares one budget between callers of the same bucket, and none between buckets', async () => {
		const shared = new FakeServer(clock, { limit: 10, windowMs: 1_000, latencyMs: 20 });
		const other = new FakeServer(clock, { limit: 10, windowMs: 1_000, latencyMs: 20 });
		const first = policyFor();
		const second = { ...policyFor(), bucket: first.bucket };
		const elsewhere = policyFor();
		const loop = async (policy: ResiliencePolicy, server: FakeServer) => {
			for (let i = 0; i < 30; i++) await sendWithResilience(policy, server.send);
		};
		await clock.run(Promise.all([loop(first, shared), loop(second, shared), loop(elsewhere, other)]));

		expect(shared.count(429)).toBe(0);
		expect(shared.busiestWindow()).toBeLessThanOrEqual(10);
		const lastArrival = (server: FakeServer) => server.arrivals[server.arrivals.length - 1].at;
		// 60 requests on the shared bucket need about twice as long as 30 on the separate one.
		expect(lastArrival(shared)).toBeGreaterThan(1.5 * lastArrival(other));
	});

	it('fills each window of a server that starts its windows on arrival, knowing when from Remaining going back up', async () => {
		const server = new FakeServer(clock, { limit: 100, windowMs: 1_000, startsOnArrival: true, latencyMs: 4 });
		const policy = policyFor();
		const sendAll = async () => {
			for (let i = 0; i < 1_000; i++) await sendWithResilience(policy, server.send);
		};
		await clock.run(sendAll());

		expect(server.count(429)).toBe(0);
		// Bound by the limit: the 901st request cannot arrive before 9 windows have passed; allow 1 % for latency.
		const span = server.arrivals[900].at - server.arrivals[0].at;
		expect(span).toBeGreaterThanOrEqual(9_000);
		expect(span).toBeLessThan(9_090);
	});

	it('uses the local fallback budget only until the server answers; without rate-limit headers it paces nothing', async () => {
		// The server takes 1 000 a second and says nothing about it; the fallback allows 5 a second.
		const server = new FakeServer(clock, { limit: 1_000, windowMs: 1_000, sendsHeaders: false, latencyMs: 10 });
		const policy = policyFor({ fallbackLimit: { max: 5, windowMs: 1_000 } });
		const first = Array.from({ length: 8 }, async () => await sendWithResilience(policy, server.send));
		await clock.run(Promise.all(first));
		const sentBeforeAnyAnswer = server.arrivals.filter((arrival) => arrival.at < 10).length;
		const start = clock.time;
		const sendAll = async () => {
			for (let i = 0; i < 50; i++) await sendWithResilience(policy, server.send);
		};
		await clock.run(sendAll());

		expect(sentBeforeAnyAnswer).toBe(5);
		// 50 requests one after the other at 10 ms each: no pacing at all (the fallback would need 10 s).
		expect(clock.time - start).toBe(500);
	});

	it('still waits out a 429 from a server that otherwise sends no rate-limit headers', async () => {
		const server = new FakeServer(clock, { limit: 5, windowMs: 1_000, sendsHeaders: false, latencyMs: 10 });
		const policy = policyFor({ fallbackLimit: { max: 100, windowMs: 1_000 } });
		const sendAll = async () => {
			for (let i = 0; i < 12; i++) await sendWithResilience(policy, server.send);
		};
		const results = await clock.run(sendAll().then(() => 'done'));

		expect(results).toBe('done');
		// each window lets 5 through; every refusal costs one wait for the window, never a failed item
		expect(server.count(200)).toBe(12);
		expect(server.count(429)).toBeLessThanOrEqual(2);
	});

	it('lets 20 parallel calls on one bucket never exceed its budget', async () => {
		// Latency far above the even spacing, so many requests are in flight when each answer arrives.
		const server = new FakeServer(clock, { limit: 5, windowMs: 1_000, phaseMs: 450, latencyMs: 300 });
		const policy = policyFor({ fallbackLimit: { max: 5, windowMs: 1_000 } });
		const calls = Array.from({ length: 20 }, async () => await sendWithResilience(policy, server.send));
		const results = await clock.run(Promise.all(calls));

		expect(results.every((result) => result.statusCode === 200 && result.attempts === 1)).toBe(true);
		expect(server.count(429)).toBe(0);
		expect(server.busiestWindow()).toBeLessThanOrEqual(5);
	});
});

describe('429 and penalties', () => {
	it('waits for Retry-After, then resumes', async () => {
		const arrivals: number[] = [];
		const replies = [response(429, { 'retry-after': '7' }), response(200)];
		const send = async () => {
			arrivals.push(clock.now());
			return replies[arrivals.length - 1];
		};
		const result = await clock.run(sendWithResilience(policyFor({ idempotent: false }), send));

		expect(result).toMatchObject({ statusCode: 200, attempts: 2 });
		expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(7_000);
	});

	it('without Retry-After waits for the rest of the window', async () => {
		const arrivals: number[] = [];
		const send = async () => {
			arrivals.push(clock.now());
			return arrivals.length === 1 ? response(429, { 'x-ratelimit-remaining': '0' }) : response(200);
		};
		const policy = policyFor({ fallbackLimit: { max: 100, windowMs: 10_000 } });
		await clock.run(sendWithResilience(policy, send));

		expect(arrivals[1]).toBeGreaterThanOrEqual(10_000);
	});

	it('sends nothing on the bucket during a penalty, not even for other callers', async () => {
		const server = new FakeServer(clock, {
			limit: 3,
			windowMs: 60_000,
			penaltyMs: 60_000,
			latencyMs: 50,
			sendsHeaders: false,
		});
		// No headers until the 429 and a fallback far above the real limit: the fourth request runs into it.
		const policy = policyFor({ api: 'RingCentral', fallbackLimit: { max: 1_000, windowMs: 60_000 }, maxWaitMs: 70_000 });
		const calls = Array.from({ length: 8 }, async () => await sendWithResilience(policy, server.send));
		const results = await clock.run(Promise.all(calls));

		expect(results.every((result) => result.statusCode === 200)).toBe(true);
		const first429 = server.arrivals.find((arrival) => arrival.status === 429);
		expect(first429).toBeDefined();
		// Every request after the first refusal waited out the whole penalty: none re-armed it.
		const refusedAt = first429!.at;
		const during = server.arrivals.filter((arrival) => arrival.at > refusedAt && arrival.at < refusedAt + 60_000);
		expect(during).toEqual([]);
		// the other refusals were already on their way when the first one came back
		const refusedAtOnce = server.arrivals.filter((arrival) => arrival.status === 429 && arrival.at === refusedAt);
		expect(refusedAtOnce).toHaveLength(server.count(429));
	});

	it('keeps the penalty when an older request answers 200 after the 429', async () => {
		const policy = policyFor({ api: 'RingCentral', fallbackLimit: { max: 1_000, windowMs: 1_000 } });
		const sentAt: number[] = [];
		const answer = (latencyMs: number, reply: AttemptResult) => async () => {
			sentAt.push(clock.now());
			await clock.sleep(latencyMs);
			return reply;
		};
		const slow = sendWithResilience(policy, answer(500, response(200, { 'x-ratelimit-remaining': '50' })));
		// Without retries the refused caller leaves the queue at once; only the pause can hold back the next one.
		const refused = sendWithResilience(
			{ ...policy, maxRetries: 0 },
			answer(10, response(429, { 'retry-after': '10' })),
		).catch((error: unknown) => error);
		const later = slow.then(async () => await sendWithResilience(policy, answer(10, response(200))));
		await clock.run(Promise.all([slow, refused, later]));

		expect(await refused).toMatchObject({ reason: 'rate-limit' });
		const refusedAt = sentAt[1] + 10;
		expect(sentAt[2]).toBeGreaterThanOrEqual(refusedAt + 10_000);
	});

	it('fails at once when the penalty is longer than the caller accepts', async () => {
		const send = scripted(response(429, { 'retry-after': '120' }));
		const error = await clock
			.run(sendWithResilience(policyFor({ maxWaitMs: 60_000 }), send))
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(ResilienceError);
		expect(error).toMatchObject({ reason: 'wait-too-long', attempts: 1, lastStatus: 429 });
		expect((error as Error).message).toBe(
			'HighLevel: the next request could only be sent in 120 s, longer than the 60 s this node waits (gave up after 1 attempt (1 answered 429))',
		);
		expect(send).toHaveBeenCalledTimes(1);
		expect(clock.time).toBe(0);
	});

	it('gives up when the daily limit is used up', async () => {
		const send = scripted(response(429, { 'x-ratelimit-daily-remaining': '0', authorization: 'Bearer s3cret' }));
		const error = await clock.run(sendWithResilience(policyFor(), send)).catch((caught: unknown) => caught);

		expect(error).toMatchObject({ reason: 'daily-limit', attempts: 1 });
		expect((error as Error).message).toBe(
			'HighLevel daily request limit is used up (gave up after 1 attempt (1 answered 429))',
		);
	});
});

describe('retries', () => {
	it('retries a read on 5xx with capped exponential back-off and full jitter', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(0.5);
		const send = scripted(502, 503, 500, 200);
		const result = await clock.run(sendWithResilience(policyFor({ maxRetries: 3 }), send));

		expect(result).toMatchObject({ statusCode: 200, attempts: 4 });
		expect(clock.sleeps).toEqual([500, 1_000, 2_000]);
	});

	it('caps the back-off at 30 s', async () => {
		jest.spyOn(Math, 'random').mockReturnValue(1);
		const send = scripted(503, 503, 503, 503, 503, 503, 503, 200);
		await clock.run(sendWithResilience(policyFor({ maxRetries: 7 }), send));

		expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
	});

	it('fails a write on 5xx without retrying, saying why: the server may have acted', async () => {
		const send = scripted(503, 200);
		const error = await clock
			.run(sendWithResilience(policyFor({ idempotent: false }), send))
			.catch((caught: unknown) => caught);

		expect(error).toMatchObject({ reason: 'server-error', attempts: 1, lastStatus: 503 });
		expect((error as Error).message).toBe(
			'HighLevel answered 503 (server error) after 1 attempt; not retried because HighLevel may already have acted on it',
		);
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('returns a read\'s 501 without retrying: it will never be implemented on a second try', async () => {
		const send = scripted(501, 200);
		const result = await clock.run(sendWithResilience(policyFor(), send));

		expect(result).toMatchObject({ statusCode: 501, attempts: 1 });
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('returns a 4xx at once, read or write', async () => {
		const send = scripted(404, 200);
		const result = await clock.run(sendWithResilience(policyFor(), send));

		expect(result).toMatchObject({ statusCode: 404, attempts: 1 });
	});

	it('retries a write on 429: the server refused it', async () => {
		const send = scripted(429, 201);
		const result = await clock.run(sendWithResilience(policyFor({ idempotent: false }), send));

		expect(result).toMatchObject({ statusCode: 201, attempts: 2 });
	});

	// n8n 2.40 keeps the client's error (and its code) as the cause; n8n 2.8 only the code, as httpCode
	it.each(N8N_LINES.flatMap((n8n) => ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED'].map((code) => [code, n8n] as const)))(
		'retries a read after %s (n8n %s)',
		async (code, n8n) => {
			const send = scripted(connectionError(code, n8n), 200);
			const result = await clock.run(sendWithResilience(policyFor(), send));

			expect(result).toMatchObject({ statusCode: 200, attempts: 2 });
		},
	);

	it.each(N8N_LINES.flatMap((n8n) => ['ECONNRESET', 'ETIMEDOUT'].map((code) => [code, n8n] as const)))(
		'does not retry a write after %s (n8n %s): it may have arrived',
		async (code, n8n) => {
			const send = scripted(connectionError(code, n8n), 201);
			const error = await clock
				.run(sendWithResilience(policyFor({ idempotent: false, api: 'RingCentral' }), send))
				.catch((caught: unknown) => caught);

			expect(error).toMatchObject({ reason: 'network', attempts: 1, lastStatus: undefined });
			expect((error as Error).message).toMatch(
				/^RingCentral could not be reached \((connection reset|timed out)\) after 1 attempt; not retried because RingCentral may already have acted on it$/,
			);
			// n8n swaps a message naming the code for a generic one, which would hide why it was not retried
			expect((error as Error).message).not.toContain(code);
			expect(send).toHaveBeenCalledTimes(1);
		},
	);

	it('retries a write after ECONNREFUSED: it never reached the server', async () => {
		const send = scripted(connectionError('ECONNREFUSED'), 201);
		const result = await clock.run(sendWithResilience(policyFor({ idempotent: false }), send));

		expect(result).toMatchObject({ statusCode: 201, attempts: 2 });
	});

	it('rethrows an error that is not a connection failure, untouched and unretried', async () => {
		const original = new Error('The credential is invalid');
		const send = scripted(original, 200);
		const error = await clock.run(sendWithResilience(policyFor(), send)).catch((caught: unknown) => caught);

		expect(error).toBe(original);
		expect(send).toHaveBeenCalledTimes(1);
	});
});

describe('giving up', () => {
	it('waits out a long 429 storm without spending the retries, and says how many 429s when it stops', async () => {
		const storm = scripted(...Array<number>(30).fill(429), 503, 200);
		const result = await clock.run(sendWithResilience(policyFor({ maxRetries: 1 }), storm));
		expect(result).toMatchObject({ statusCode: 200, attempts: 32 });

		const endless = scripted(429);
		const error = await clock.run(sendWithResilience(policyFor({ maxRetries: 3 }), endless)).catch((e: unknown) => e);

		expect(error).toBeInstanceOf(ResilienceError);
		expect((error as Error).message).toBe('HighLevel kept answering 429 (rate limit) after 100 attempts (100 answered 429)');
		expect(error).toMatchObject({ reason: 'rate-limit', attempts: 100, lastStatus: 429 });
	});

	it('counts 429s in the message of a request that gave up on server errors', async () => {
		const send = scripted(429, 503, 503);
		const error = await clock.run(sendWithResilience(policyFor({ maxRetries: 1 }), send)).catch((e: unknown) => e);

		expect((error as Error).message).toBe('HighLevel kept answering 503 (server error) after 3 attempts (1 answered 429)');
	});

	it('reports persistent server errors with the last status and response', async () => {
		const send = scripted(response(503, { authorization: 'Bearer s3cret' }));
		const error = await clock.run(sendWithResilience(policyFor({ maxRetries: 2 }), send)).catch((e: unknown) => e);

		expect((error as Error).message).toBe('HighLevel kept answering 503 (server error) after 3 attempts');
		expect(error).toMatchObject({ reason: 'server-error', attempts: 3, lastStatus: 503 });
		expect((error as ResilienceError).lastResponse?.statusCode).toBe(503);
		expect((error as Error).message).not.toContain('s3cret');
	});

	it('keeps the connection error as the cause', async () => {
		const failure = connectionError('ECONNRESET');
		const error = await clock
			.run(sendWithResilience(policyFor({ maxRetries: 1 }), scripted(failure)))
			.catch((e: unknown) => e);

		expect(error).toMatchObject({ reason: 'network', attempts: 2 });
		expect((error as Error).cause).toBe(failure);
	});
});

describe('httpErrorResponse: the answer behind what n8n threw', () => {
	const body = { errorCode: 'CMN-301', message: 'Request rate exceeded' };

	it('n8n 2.40: status, headers and body, from the HTTP client error kept as cause', () => {
		expect(httpErrorResponse(httpError(429, body, { 'retry-after': '5' }, '2.40'))).toEqual({
			statusCode: 429,
			headers: { 'retry-after': '5' },
			body,
		});
	});

	it('n8n 2.8: status and JSON body only, the headers died with the cause', () => {
		expect(httpErrorResponse(httpError(429, body, { 'retry-after': '5' }, '2.8'))).toEqual({
			statusCode: 429,
			headers: {},
			body,
		});
	});

	it.each(N8N_LINES)('n8n %s: nothing when no answer came', (n8n) => {
		expect(httpErrorResponse(connectionError('ECONNRESET', n8n))).toBeUndefined();
		expect(httpErrorResponse(refusedRefresh(n8n))).toBeUndefined();
		expect(httpErrorResponse(new Error('The credential is invalid'))).toBeUndefined();
	});
});
