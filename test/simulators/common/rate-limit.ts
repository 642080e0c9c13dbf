/** Time source shared by a simulator's limiters: `scale` 10 makes a 10 s window last 1 s of real time. */
export class SimClock {
	scale = 1;

	/** Real milliseconds a vendor duration lasts under the current scale. */
	scaled(vendorMs: number): number {
		return vendorMs / this.scale;
	}
}

export interface WindowState {
	allowed: boolean;
	limit: number;
	remaining: number;
	/** real milliseconds until the current window ends */
	resetInMs: number;
	/** real length of the window, i.e. the scaled vendor interval */
	windowMs: number;
}

/**
 * Fixed-window request counter per key (location, user, app...). Rejected requests do not consume the budget, so a
 * client that waits out the window always gets the full limit back.
 */
export class FixedWindowLimiter {
	private readonly windows = new Map<string, { start: number; count: number }>();

	constructor(
		public limit: number,
		private readonly vendorWindowMs: number,
		private readonly clock: SimClock,
	) {}

	/** Counts one request if the window has room. */
	take(key: string, now = Date.now()): WindowState {
		return this.state(key, now, true);
	}

	/** The window's state without counting a request. */
	peek(key: string, now = Date.now()): WindowState {
		return this.state(key, now, false);
	}

	private state(key: string, now: number, count: boolean): WindowState {
		const windowMs = this.clock.scaled(this.vendorWindowMs);
		let window = this.windows.get(key);
		if (!window || now - window.start >= windowMs) {
			window = { start: now, count: 0 };
			this.windows.set(key, window);
		}
		const allowed = window.count < this.limit;
		if (allowed && count) window.count++;
		return {
			allowed,
			limit: this.limit,
			remaining: Math.max(0, this.limit - window.count),
			resetInMs: Math.max(0, window.start + windowMs - now),
			windowMs,
		};
	}

	reset(): void {
		this.windows.clear();
	}
}
