/** What the fault matrix shares: counting what the simulators recorded, and the one summary line per case. */
import type { RecordedRequest } from '../../simulators/common/http';

/** Values that occur more than once, each listed once. */
export function duplicates(values: string[]): string[] {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	for (const value of values) (seen.has(value) ? repeated : seen).add(value);
	return [...repeated];
}

/** Expected values that never occurred. */
export function missing(expected: string[], actual: string[]): string[] {
	const present = new Set(actual);
	return expected.filter((value) => !present.has(value));
}

/** How many recorded requests got each status (0: the connection was dropped). */
export function statusCounts(requests: RecordedRequest[]): Record<number, number> {
	const counts: Record<number, number> = {};
	for (const { status } of requests) counts[status] = (counts[status] ?? 0) + 1;
	return counts;
}

export interface CaseOutcome {
	items: number;
	lost: number;
	duplicateWrites: number;
	/** the errors the failed items (or the run) reported, as the user reads them */
	errors?: string[];
	requests: RecordedRequest[];
}

const lines: string[] = [];

/** Records a case's summary line; printSummary() writes them all once the file is done. */
export function summarize(name: string, outcome: CaseOutcome): void {
	const statuses = Object.entries(statusCounts(outcome.requests))
		.map(([status, count]) => `${status === '0' ? 'dropped' : status}x${count}`)
		.join(' ');
	const errors = outcome.errors?.length
		? ` errors: ${[...new Set(outcome.errors)].join(' | ')}`
		: '';
	lines.push(
		`fault ${name}: ${outcome.items} items, lost ${outcome.lost}, duplicate writes ${outcome.duplicateWrites}, ` +
			`requests ${outcome.requests.length} (${statuses})${errors}`,
	);
}

/** Written straight to stdout (not console.log) so that each case is one plain line. */
export function printSummary(): void {
	if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
}
