import type { SimClock } from '../common/rate-limit';

/**
 * RingCentral's per-user, per-group usage plan (shared/notes/ringcentral.md §5): a fixed number of requests per 60 s
 * window; past it, 429 with Retry-After for a 60 s penalty that every request made during the penalty re-arms.
 * The time scale compresses windows (scale 60: a 60 s window lasts 1 s), and the headers report the compressed
 * seconds so a client that obeys them waits the right (short) time. Unlike common/FixedWindowLimiter, a refused
 * request here extends the penalty, which is the behaviour clients must survive.
 */

export type ThrottlingGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth';

export const DEFAULT_LIMITS: Record<ThrottlingGroup, number> = {
	Light: 50,
	Medium: 40,
	Heavy: 10,
	Auth: 5,
};
const WINDOW_SEC = 60;

export interface RateDecision {
	headers: Record<string, string>;
	/** seconds to put in Retry-After when the request is refused */
	retryAfterSec?: number;
}

interface Bucket {
	windowEndsAt: number;
	count: number;
	penaltyEndsAt: number;
}

export class RateLimiter {
	enabled = true;
	limits: Record<ThrottlingGroup, number> = { ...DEFAULT_LIMITS };
	private readonly buckets = new Map<string, Bucket>();

	constructor(private readonly clock: SimClock) {}

	/** The headers of a refusal: nothing left in the window. */
	refusedHeaders(group: ThrottlingGroup): Record<string, string> {
		return {
			'X-Rate-Limit-Group': group.toLowerCase(),
			'X-Rate-Limit-Limit': String(this.limits[group]),
			'X-Rate-Limit-Remaining': '0',
			'X-Rate-Limit-Window': String(this.windowSec()),
		};
	}

	private windowSec(): number {
		return Math.max(1, Math.ceil(this.clock.scaled(WINDOW_SEC * 1000) / 1000));
	}

	/** Counts one request of `user` in `group` at `now` (ms) and says whether it may pass. */
	take(user: string, group: ThrottlingGroup, now = Date.now()): RateDecision {
		const limit = this.limits[group];
		const windowMs = this.clock.scaled(WINDOW_SEC * 1000);
		const windowSec = this.windowSec();
		const headers = (remaining: number) => ({
			'X-Rate-Limit-Group': group.toLowerCase(),
			'X-Rate-Limit-Limit': String(limit),
			'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
			'X-Rate-Limit-Window': String(windowSec),
		});
		// a server without limits reports none
		if (!this.enabled) return { headers: {} };

		const key = `${user}|${group}`;
		let bucket = this.buckets.get(key);
		if (bucket && now < bucket.penaltyEndsAt) {
			bucket.penaltyEndsAt = now + windowMs; // the penalty is re-armed by any request made during it
			return { headers: headers(0), retryAfterSec: windowSec };
		}
		const penaltyServed = bucket !== undefined && bucket.penaltyEndsAt > 0;
		if (!bucket || penaltyServed || now >= bucket.windowEndsAt) {
			bucket = { windowEndsAt: now + windowMs, count: 0, penaltyEndsAt: 0 };
			this.buckets.set(key, bucket);
		}
		bucket.count++;
		if (bucket.count > limit) {
			bucket.penaltyEndsAt = now + windowMs;
			return { headers: headers(0), retryAfterSec: windowSec };
		}
		return { headers: headers(limit - bucket.count) };
	}

	/** Forgets all counts and restores the default limits. */
	reset(): void {
		this.buckets.clear();
		this.enabled = true;
		this.limits = { ...DEFAULT_LIMITS };
	}
}
