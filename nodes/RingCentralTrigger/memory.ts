/**
 * Recent entries kept in this process, with a cap and an expiry so it stays small however busy it gets.
 *
 * n8n hands every delivery its own copy of static data, loaded before and saved after that delivery, so two
 * deliveries handled at the same moment never see each other's changes there. Entries here are read and
 * written without awaiting in between, which serialises such deliveries; static data still carries the same
 * facts across restarts.
 */
export class RecentMemory<V> {
	private readonly entries = new Map<string, { value: V; expiresAt: number }>();

	constructor(
		private readonly capacity: number,
		private readonly ttlMs: number,
	) {}

	get(key: string): V | undefined {
		const entry = this.entries.get(key);
		if (entry === undefined) return undefined;
		if (entry.expiresAt <= Date.now()) {
			this.entries.delete(key);
			return undefined;
		}
		return entry.value;
	}

	set(key: string, value: V): void {
		// re-inserted so the Map's order stays least recently written first, which is what the cap drops
		this.entries.delete(key);
		this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
		for (const oldest of this.entries.keys()) {
			if (this.entries.size <= this.capacity) break;
			this.entries.delete(oldest);
		}
	}

	delete(key: string): void {
		this.entries.delete(key);
	}
}
