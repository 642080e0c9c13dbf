import type { IDataObject } from 'n8n-workflow';

// CONTRACT (stub): the transports of both APIs call sendWithResilience(); its implementation (pacing from the
// server's rate-limit headers, 429 waits, retries with capped exponential back-off and jitter) is owned by
// nodes/shared and may change, but this signature is what the transports code against.

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

export async function sendWithResilience(
	policy: ResiliencePolicy,
	send: () => Promise<AttemptResult>,
): Promise<ResilientResult> {
	void policy;
	const result = await send();
	return { ...result, attempts: 1 };
}
