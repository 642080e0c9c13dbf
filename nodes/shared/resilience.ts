import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

// The transports of both APIs call sendWithResilience(): it paces requests from the server's own rate-limit
// headers, waits out 429s and retries with capped exponential back-off and full jitter. The signatures of
// AttemptResult, RateLimitReading, ResiliencePolicy, ResilientResult and sendWithResilience are a contract.

/** What one attempt returned. `send` resolves for every HTTP status and rejects only when no response came. */
export interface AttemptResult {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** A server's own view of its rate limit, read from its response headers. */
export interface RateLimitReading {
	/** Requests left in the current window. */
	remaining?: number;
	/** Window size in requests. */
	limit?: number;
	/** Window length in milliseconds. */
	windowMs?: number;
	/** Milliseconds to wait before the next request (Retry-After, penalty). */
	retryAfterMs?: number;
	/** Requests left today (HighLevel daily limit). */
	dailyRemaining?: number;
}

export interface ResiliencePolicy {
	/** Which API, for error messages ("HighLevel", "RingCentral"). */
	api: string;
	/** Requests sharing one server-side budget share this key (HighLevel: location id; RingCentral: user + group). */
	bucket: string;
	/** Reads the rate-limit headers of a response (header names are lower-case). */
	readRateLimit(headers: IDataObject): RateLimitReading;
	/** Local budget used only until the server has answered (with or without rate-limit headers). */
	fallbackLimit: { max: number; windowMs: number };
	/** True when sending the request twice is harmless (reads, upserts, tag add/remove, complete). */
	idempotent: boolean;
	/** Retries after the first attempt, for 5xx and connection failures (429s are waited out, not counted). */
	maxRetries: number;
	/** Longest single wait the caller accepts (ms); a longer wait fails the item with a clear reason. */
	maxWaitMs: number;
}

export interface ResilientResult extends AttemptResult {
	/** How many attempts were made, 1 when the first succeeded. */
	attempts: number;
}

export type GiveUpReason = 'rate-limit' | 'daily-limit' | 'server-error' | 'network' | 'wait-too-long';

/** Thrown when sendWithResilience gives up; the transports turn it into a NodeApiError. */
export class ResilienceError extends Error {
	constructor(
		message: string,
		readonly reason: GiveUpReason,
		/** Requests actually sent (0 when the wait for the first one was already too long). */
		readonly attempts: number,
		/** Status of the last response, absent when none came. */
		readonly lastStatus?: number,
		/** The last response, so the transport can show the vendor's own error body. */
		readonly lastResponse?: AttemptResult,
		options?: { cause?: unknown },
	) {
		super(message, options);
		this.name = 'ResilienceError';
	}
}

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now(), sleep };
let clock: Clock = systemClock;

/** For tests only: replaces the time source; without an argument restores the real one. */
export function setClock(testClock?: Clock): void {
	clock = testClock ?? systemClock;
}

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 30_000;

/**
 * 429s wait out the server's window and do not count against maxRetries (a 429 means "not processed"); this cap only
 * ends a storm that never stops.
 */
const MAX_REFUSALS = 100;

// Connection errors in words: n8n replaces a message that contains the code itself with a generic text.
/** Raised before the request reached the server: safe to retry even for writes. */
const NOT_SENT: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};
/** Timeouts and dropped connections: the server may or may not have acted, so only idempotent requests are retried. */
const MAYBE_SENT: Record<string, string> = {
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ECONNABORTED: 'connection aborted',
	EPIPE: 'connection broken',
	UND_ERR_SOCKET: 'connection closed',
};

/** One server-side budget, shared by every execution in this n8n process. */
interface Bucket {
	limit: number;
	windowMs: number;
	/** Requests admitted so far, numbering them in the order they were sent. */
	sent: number;
	/** Number of the newest request whose rate-limit reading was applied; 0 while only the fallback is known. */
	newestReading: number;
	/** The server's own Remaining in that newest reading. */
	newestRemaining: number;
	/** Requests we may still send before windowEndsAt; admitted requests are already subtracted. */
	remaining: number;
	/** When the current window ends at the latest and the budget refills. */
	windowEndsAt: number;
	/** False once a success came without rate-limit headers: that server limits nothing, so nothing is paced. */
	paced: boolean;
	/** Set by a 429: nothing is sent before it (a request inside RingCentral's penalty would re-arm it). */
	pausedUntil: number;
	inFlight: number;
	/** Admissions are served one at a time, in order, so concurrent callers cannot overshoot. */
	queue: Promise<void>;
}

const buckets = new Map<string, Bucket>();

function bucketFor(policy: ResiliencePolicy): Bucket {
	const key = `${policy.api}\u0000${policy.bucket}`;
	let bucket = buckets.get(key);
	if (!bucket) {
		const { max, windowMs } = policy.fallbackLimit;
		bucket = {
			limit: max,
			windowMs,
			sent: 0,
			newestReading: 0,
			newestRemaining: 0,
			remaining: max,
			windowEndsAt: 0,
			paced: true,
			pausedUntil: 0,
			inFlight: 0,
			queue: Promise.resolve(),
		};
		buckets.set(key, bucket);
	}
	return bucket;
}

/**
 * Milliseconds until the next request of this bucket may be sent (0: now); refills the budget of a past window.
 * The budget of a window is spent at full speed: the server counts fixed windows, so spacing requests out would only
 * leave part of each window unused.
 */
function delayBeforeNext(bucket: Bucket, now: number): number {
	if (now < bucket.pausedUntil) return bucket.pausedUntil - now;
	if (!bucket.paced) return 0;
	if (now >= bucket.windowEndsAt) {
		// In-flight requests may still be counted in the new window. Its end is provisional: the server starts the
		// window when a request arrives, and the first answer from it says when (see recordResponse).
		bucket.remaining = bucket.limit - bucket.inFlight;
		bucket.windowEndsAt = now + bucket.windowMs;
	}
	return bucket.remaining > 0 ? 0 : bucket.windowEndsAt - now;
}

function seconds(ms: number): string {
	return `${Math.ceil(ms / 1000)} s`;
}

/** What a request went through so far, for the message that says after how many tries it gave up. */
interface Tally {
	attempts: number;
	/** Attempts answered 429. */
	refusals: number;
}

function tries({ attempts, refusals }: Tally): string {
	const count = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
	return refusals === 0 ? count : `${count} (${refusals} answered 429)`;
}

function waitTooLong(policy: ResiliencePolicy, waitMs: number, tally: Tally, last?: AttemptResult) {
	return new ResilienceError(
		`${policy.api}: the next request could only be sent in ${seconds(waitMs)}, longer than the ` +
			`${seconds(policy.maxWaitMs)} this node waits (gave up after ${tries(tally)})`,
		'wait-too-long',
		tally.attempts,
		last?.statusCode,
		last,
	);
}

/** Waits for this bucket's turn and a free slot in its budget, then counts the request as sent; returns its number. */
async function admit(policy: ResiliencePolicy, bucket: Bucket, tally: Tally): Promise<number> {
	const turn = bucket.queue.then(async () => {
		for (;;) {
			const now = clock.now();
			const delay = delayBeforeNext(bucket, now);
			if (delay <= 0) break;
			if (delay > policy.maxWaitMs) throw waitTooLong(policy, delay, tally);
			await clock.sleep(delay);
		}
		bucket.remaining -= 1;
		bucket.inFlight += 1;
		return ++bucket.sent;
	});
	// The next caller queues behind this admission whether it succeeds or not.
	bucket.queue = turn.then(
		() => undefined,
		() => undefined,
	);
	return await turn;
}

/** Folds a response's rate-limit headers into the bucket; returns the reading for the retry decision. */
function recordResponse(
	policy: ResiliencePolicy,
	bucket: Bucket,
	request: number,
	result: AttemptResult,
): RateLimitReading {
	const reading = policy.readRateLimit(result.headers);
	if (reading.limit !== undefined && reading.limit > 0) bucket.limit = reading.limit;
	if (reading.windowMs !== undefined && reading.windowMs > 0) bucket.windowMs = reading.windowMs;
	if (reading.remaining !== undefined) bucket.paced = true;
	else if (result.statusCode < 300) bucket.paced = false;
	if (reading.remaining !== undefined && result.statusCode !== 429) {
		// Requests sent after this one may not be counted in this reading yet.
		const serverRemaining = reading.remaining - (bucket.sent - request);
		if (request > bucket.newestReading) {
			// A later request counted in the same window leaves less; as much or more means the server started a new
			// window between the two arrivals, so it ends a full window from now at the latest (HighLevel sends no
			// reset time). The first reading says nothing about the window's start: assume it just began.
			if (bucket.newestReading === 0 || reading.remaining >= bucket.newestRemaining) {
				bucket.windowEndsAt = clock.now() + bucket.windowMs;
			}
			bucket.remaining = serverRemaining;
			bucket.newestReading = request;
			bucket.newestRemaining = reading.remaining;
		} else {
			// An answer overtaken by a newer one may only lower the estimate.
			bucket.remaining = Math.min(bucket.remaining, serverRemaining);
		}
	}
	if (result.statusCode === 429) {
		// Nothing more goes out before the penalty ends; a later 429 (from a request already in flight) extends it,
		// and no older answer may raise the budget again. The budget refills once the pause is over.
		const now = clock.now();
		const penalty = reading.retryAfterMs ?? (bucket.windowEndsAt > now ? bucket.windowEndsAt - now : bucket.windowMs);
		bucket.pausedUntil = Math.max(bucket.pausedUntil, now + penalty);
		bucket.remaining = 0;
		bucket.windowEndsAt = bucket.pausedUntil;
		bucket.newestReading = Math.max(bucket.newestReading, request);
		bucket.newestRemaining = 0;
	}
	return reading;
}

/**
 * The HTTP answer behind an error `httpRequestWithAuthentication` threw; undefined when none came (connection failure,
 * refused token refresh). n8n wraps the HTTP client's error in a NodeApiError: n8n 2.40 keeps that error as `cause`,
 * with status, headers and body; n8n 2.8 loses `cause` (a class field resets it) and keeps only the NodeApiError's
 * `httpCode` and `context.data` (a JSON object body), so there the headers (Retry-After, rate limits) are gone.
 */
export function httpErrorResponse(error: unknown): AttemptResult | undefined {
	const { cause, httpCode, context } = (error ?? {}) as {
		cause?: { response?: { status?: unknown; headers?: IDataObject; data?: unknown } };
		httpCode?: unknown;
		context?: IDataObject;
	};
	const response = cause?.response;
	if (typeof response?.status === 'number') {
		return { statusCode: response.status, headers: response.headers ?? {}, body: response.data };
	}
	const statusCode = Number(httpCode);
	return Number.isInteger(statusCode) && statusCode >= 400
		? { statusCode, headers: {}, body: context?.data }
		: undefined;
}

function errorCode(error: unknown): string | undefined {
	// n8n wraps the HTTP client's error (NodeApiError -> cause), so look down the cause chain. n8n 2.8 drops the cause,
	// but its NodeApiError keeps the client's code as `httpCode`.
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		const { code, httpCode, cause } = current as IDataObject;
		for (const candidate of [code, httpCode]) {
			if (typeof candidate === 'string' && (candidate in NOT_SENT || candidate in MAYBE_SENT)) {
				return candidate;
			}
		}
		current = cause;
	}
	return undefined;
}

/**
 * Sends one request through the bucket's pacing, waiting out 429s and retrying what is safe to retry.
 * Resolves with the final response (any status that is not retried, e.g. 4xx or 501);
 * throws ResilienceError when it gives up, or send()'s own error when that is not a connection failure.
 */
export async function sendWithResilience(
	policy: ResiliencePolicy,
	send: () => Promise<AttemptResult>,
): Promise<ResilientResult> {
	const bucket = bucketFor(policy);
	const tally: Tally = { attempts: 0, refusals: 0 };
	const notRetried = `not retried because ${policy.api} may already have acted on it`;
	for (;;) {
		const request = await admit(policy, bucket, tally);
		tally.attempts += 1;
		const canRetry = tally.attempts - tally.refusals <= policy.maxRetries;

		const outcome = await send().then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		bucket.inFlight -= 1;
		if ('error' in outcome) {
			const code = errorCode(outcome.error);
			if (code === undefined) throw outcome.error;
			const notSent = code in NOT_SENT;
			if (canRetry && (policy.idempotent || notSent)) {
				await backOff(policy, tally);
				continue;
			}
			const why = notSent || policy.idempotent ? '' : `; ${notRetried}`;
			throw new ResilienceError(
				`${policy.api} could not be reached (${NOT_SENT[code] ?? MAYBE_SENT[code]}) after ${tries(tally)}${why}`,
				'network',
				tally.attempts,
				undefined,
				undefined,
				{ cause: outcome.error },
			);
		}
		const { result } = outcome;
		const reading = recordResponse(policy, bucket, request, result);
		const { statusCode } = result;

		if (statusCode === 429) {
			tally.refusals += 1;
			if (reading.dailyRemaining !== undefined && reading.dailyRemaining <= 0) {
				throw new ResilienceError(
					`${policy.api} daily request limit is used up (gave up after ${tries(tally)})`,
					'daily-limit',
					tally.attempts,
					statusCode,
					result,
				);
			}
			if (tally.refusals >= MAX_REFUSALS) {
				throw new ResilienceError(
					`${policy.api} kept answering 429 (rate limit) after ${tries(tally)}`,
					'rate-limit',
					tally.attempts,
					statusCode,
					result,
				);
			}
			const penalty = bucket.pausedUntil - clock.now();
			if (penalty > policy.maxWaitMs) throw waitTooLong(policy, penalty, tally, result);
			// The wait itself happens in admit(), together with every other caller of this bucket.
			continue;
		}

		if (isTransientServerError(statusCode)) {
			if (policy.idempotent && canRetry) {
				await backOff(policy, tally, reading.retryAfterMs, result);
				continue;
			}
			throw new ResilienceError(
				policy.idempotent
					? `${policy.api} kept answering ${statusCode} (server error) after ${tries(tally)}`
					: `${policy.api} answered ${statusCode} (server error) after ${tries(tally)}; ${notRetried}`,
				'server-error',
				tally.attempts,
				statusCode,
				result,
			);
		}

		return { ...result, attempts: tally.attempts };
	}
}

/** 501 Not Implemented and 505 will answer the same however often they are asked; other 5xx may pass. */
function isTransientServerError(statusCode: number): boolean {
	return statusCode >= 500 && statusCode !== 501 && statusCode !== 505;
}

/** Capped exponential back-off with full jitter, or the server's own Retry-After when it sent one. */
async function backOff(policy: ResiliencePolicy, tally: Tally, retryAfterMs?: number, last?: AttemptResult) {
	const retry = tally.attempts - tally.refusals;
	const ceiling = Math.min(BACKOFF_CAP_MS, policy.maxWaitMs, BACKOFF_BASE_MS * 2 ** (retry - 1));
	const wait = retryAfterMs ?? Math.random() * ceiling;
	if (wait > policy.maxWaitMs) throw waitTooLong(policy, wait, tally, last);
	await clock.sleep(wait);
}
