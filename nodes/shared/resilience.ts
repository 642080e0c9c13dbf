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
	/** Local budget used only until the server's headers have been seen. */
	fallbackLimit: { max: number; windowMs: number };
	/** True when sending the request twice is harmless (reads, upserts, tag add/remove, complete). */
	idempotent: boolean;
	/** Retries after the first attempt, for 429, 5xx and connection failures. */
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

/** Connection errors raised before the request reached the server: safe to retry even for writes. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Timeouts and dropped connections: the server may or may not have acted, so only reads are retried. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'UND_ERR_SOCKET',
]);

/** One server-side budget, shared by every execution in this n8n process. */
interface Bucket {
	limit: number;
	windowMs: number;
	/** Requests admitted so far, numbering them in the order they were sent. */
	sent: number;
	/** Number of the newest request whose rate-limit reading was applied; 0 while only the fallback is known. */
	newestReading: number;
	/** Requests we may still send before windowEndsAt; admitted requests are already subtracted. */
	remaining: number;
	/** When our (conservative) picture of the current window ends and the budget refills. */
	windowEndsAt: number;
	lastSentAt: number;
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
			remaining: max,
			windowEndsAt: 0,
			lastSentAt: -Infinity,
			pausedUntil: 0,
			inFlight: 0,
			queue: Promise.resolve(),
		};
		buckets.set(key, bucket);
	}
	return bucket;
}

/** Milliseconds until the next request of this bucket may be sent (0: now); refills the budget of a past window. */
function delayBeforeNext(bucket: Bucket, now: number): number {
	if (now < bucket.pausedUntil) return bucket.pausedUntil - now;
	if (now >= bucket.windowEndsAt) {
		// In-flight requests may still be counted in the new window.
		bucket.remaining = bucket.limit - bucket.inFlight;
		bucket.windowEndsAt = now + bucket.windowMs;
	}
	const timeLeft = bucket.windowEndsAt - now;
	if (bucket.remaining <= 0) return timeLeft;
	// Budget beyond an even share of the time left (after an idle spell) is spent at full speed; the rest is
	// spaced evenly over the time left, the last request just before the window ends, instead of bursting
	// and then stalling or firing into a certain 429.
	const evenShare = (bucket.limit * timeLeft) / bucket.windowMs;
	if (bucket.remaining > evenShare) return 0;
	return Math.max(0, bucket.lastSentAt + timeLeft / (bucket.remaining + 1) - now);
}

function seconds(ms: number): string {
	return `${Math.ceil(ms / 1000)} s`;
}

function tries(attempts: number): string {
	return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}

function waitTooLong(policy: ResiliencePolicy, waitMs: number, attempts: number, last?: AttemptResult) {
	return new ResilienceError(
		`${policy.api}: the next request could only be sent in ${seconds(waitMs)}, longer than the ` +
			`${seconds(policy.maxWaitMs)} this node waits (gave up after ${tries(attempts)})`,
		'wait-too-long',
		attempts,
		last?.statusCode,
		last,
	);
}

/** Waits for this bucket's turn and a free slot in its budget, then counts the request as sent; returns its number. */
async function admit(policy: ResiliencePolicy, bucket: Bucket, attempts: number): Promise<number> {
	const turn = bucket.queue.then(async () => {
		for (;;) {
			const now = clock.now();
			const delay = delayBeforeNext(bucket, now);
			if (delay <= 0) break;
			if (delay > policy.maxWaitMs) throw waitTooLong(policy, delay, attempts);
			await clock.sleep(delay);
		}
		bucket.remaining -= 1;
		bucket.lastSentAt = clock.now();
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
	if (reading.remaining !== undefined) {
		// Requests sent after this one may not be counted in this reading yet.
		const serverRemaining = reading.remaining - (bucket.sent - request);
		if (request > bucket.newestReading) {
			// The server's newest word replaces our estimate. More left than we thought means its window was
			// reset since the previous reading, so the new window ends a full window from now at the latest.
			if (serverRemaining > bucket.remaining || bucket.newestReading === 0) {
				bucket.windowEndsAt = clock.now() + bucket.windowMs;
			}
			bucket.remaining = serverRemaining;
			bucket.newestReading = request;
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
	}
	return reading;
}

function errorCode(error: unknown): string | undefined {
	// n8n wraps the HTTP client's error (NodeApiError -> cause), so look down the cause chain.
	for (let current = error, depth = 0; current && depth < 5; depth++) {
		const { code, cause } = current as { code?: unknown; cause?: unknown };
		if (typeof code === 'string' && (NOT_SENT_CODES.has(code) || MAYBE_SENT_CODES.has(code))) return code;
		current = cause;
	}
	return undefined;
}

/**
 * Sends one request through the bucket's pacing, waiting out 429s and retrying what is safe to retry.
 * Resolves with the final response (any status that is not retried, e.g. 4xx, or a write's 5xx);
 * throws ResilienceError when it gives up, or send()'s own error when that is not a connection failure.
 */
export async function sendWithResilience(
	policy: ResiliencePolicy,
	send: () => Promise<AttemptResult>,
): Promise<ResilientResult> {
	const bucket = bucketFor(policy);
	for (let attempts = 1; ; attempts++) {
		const request = await admit(policy, bucket, attempts - 1);
		const canRetry = attempts <= policy.maxRetries;

		const outcome = await send().then(
			(result) => ({ result }),
			(error: unknown) => ({ error }),
		);
		bucket.inFlight -= 1;
		if ('error' in outcome) {
			const code = errorCode(outcome.error);
			if (code === undefined) throw outcome.error;
			if (canRetry && (policy.idempotent || NOT_SENT_CODES.has(code))) {
				await backOff(policy, attempts);
				continue;
			}
			throw new ResilienceError(
				`${policy.api} could not be reached (${code}) after ${tries(attempts)}`,
				'network',
				attempts,
				undefined,
				undefined,
				{ cause: outcome.error },
			);
		}
		const { result } = outcome;
		const reading = recordResponse(policy, bucket, request, result);
		const { statusCode } = result;

		if (statusCode === 429) {
			if (reading.dailyRemaining !== undefined && reading.dailyRemaining <= 0) {
				throw new ResilienceError(
					`${policy.api} daily request limit is used up (gave up after ${tries(attempts)})`,
					'daily-limit',
					attempts,
					statusCode,
					result,
				);
			}
			if (!canRetry) {
				throw new ResilienceError(
					`${policy.api} kept answering 429 (rate limit) after ${tries(attempts)}`,
					'rate-limit',
					attempts,
					statusCode,
					result,
				);
			}
			const penalty = bucket.pausedUntil - clock.now();
			if (penalty > policy.maxWaitMs) throw waitTooLong(policy, penalty, attempts, result);
			// The wait itself happens in admit(), together with every other caller of this bucket.
			continue;
		}

		if (isTransientServerError(statusCode) && policy.idempotent) {
			if (canRetry) {
				await backOff(policy, attempts, reading.retryAfterMs, result);
				continue;
			}
			throw new ResilienceError(
				`${policy.api} kept answering ${statusCode} (server error) after ${tries(attempts)}`,
				'server-error',
				attempts,
				statusCode,
				result,
			);
		}

		return { ...result, attempts };
	}
}

/** 501 Not Implemented and 505 will answer the same however often they are asked; other 5xx may pass. */
function isTransientServerError(statusCode: number): boolean {
	return statusCode >= 500 && statusCode !== 501 && statusCode !== 505;
}

/** Capped exponential back-off with full jitter, or the server's own Retry-After when it sent one. */
async function backOff(policy: ResiliencePolicy, retry: number, retryAfterMs?: number, last?: AttemptResult) {
	const ceiling = Math.min(BACKOFF_CAP_MS, policy.maxWaitMs, BACKOFF_BASE_MS * 2 ** (retry - 1));
	const wait = retryAfterMs ?? Math.random() * ceiling;
	if (wait > policy.maxWaitMs) throw waitTooLong(policy, wait, retry, last);
	await clock.sleep(wait);
}
