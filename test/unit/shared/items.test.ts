import type { IExecuteFunctions } from 'n8n-workflow';

import { itemsInParallel, mapInParallel } from '../../../nodes/shared/items';
import { createExecuteFunctions } from '../support/n8n';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A task per index that records how many run at once and in which order they start and end. */
function trackedTasks(latencyOf: (index: number) => number) {
	const log = { started: [] as number[], finished: [] as number[], running: 0, mostAtOnce: 0 };
	const run = async (index: number) => {
		log.started.push(index);
		log.running++;
		log.mostAtOnce = Math.max(log.mostAtOnce, log.running);
		await delay(latencyOf(index));
		log.running--;
		log.finished.push(index);
		return `result ${index}`;
	};
	return { log, run };
}

describe('mapInParallel', () => {
	it('returns the results in index order whatever order they finish in', async () => {
		const { log, run } = trackedTasks(() => Math.random() * 10);
		const results = await mapInParallel(40, 8, run);

		expect(results).toEqual(Array.from({ length: 40 }, (_, index) => `result ${index}`));
		expect(log.started).toEqual([...results.keys()]);
		// the latencies were random: the finishing order differs from the index order (or the test proves nothing)
		expect(log.finished).not.toEqual(log.started);
	});

	it.each([1, 3, 10])(
		'never runs more than the limit (%i) at once, and does reach it',
		async (limit) => {
			const { log, run } = trackedTasks(() => Math.random() * 5);
			await mapInParallel(25, limit, run);
			expect(log.mostAtOnce).toBe(limit);
			expect(log.finished).toHaveLength(25);
		},
	);

	it('with a limit of 1 runs one after the other, in order', async () => {
		const { log, run } = trackedTasks((index) => 5 - index);
		await mapInParallel(5, 1, run);
		expect(log.finished).toEqual([0, 1, 2, 3, 4]);
		expect(log.mostAtOnce).toBe(1);
	});

	it('runs nothing for no items, and no more workers than items', async () => {
		const { log, run } = trackedTasks(() => 1);
		expect(await mapInParallel(0, 5, run)).toEqual([]);
		await mapInParallel(2, 5, run);
		expect(log.started).toEqual([0, 1]);
	});

	it('after a failure starts no further index, lets the running ones finish and throws the lowest failed index', async () => {
		const started: number[] = [];
		const settled: number[] = [];
		// index 3 fails first (after 1 ms); index 1, already running, fails later (after 20 ms)
		const latency: Record<number, number> = { 0: 5, 1: 20, 2: 30, 3: 1 };
		const run = async (index: number) => {
			started.push(index);
			await delay(latency[index] ?? 1);
			settled.push(index);
			if (index === 1 || index === 3) throw new Error(`item ${index} failed`);
			return index;
		};

		await expect(mapInParallel(10, 4, run)).rejects.toThrow('item 1 failed');
		// 0 finished before 3 failed and its worker took no next index; 2 was still in flight and was awaited
		expect(started).toEqual([0, 1, 2, 3]);
		expect(settled.sort()).toEqual([0, 1, 2, 3]);
	});
});

describe('itemsInParallel', () => {
	const withOption = (value?: unknown): IExecuteFunctions =>
		createExecuteFunctions({
			parameters: value === undefined ? {} : { requestOptions: { itemsInParallel: value } },
		});

	it('is 1 when the option is not set', () => {
		expect(itemsInParallel(withOption())).toBe(1);
	});

	it('is the option value', () => {
		expect(itemsInParallel(withOption(12))).toBe(12);
	});

	it.each([
		[0, 1],
		[-4, 1],
		[2.7, 2],
		[500, 50],
		['not a number', 1],
	])('keeps %p within 1 to 50 (%p)', (value, expected) => {
		expect(itemsInParallel(withOption(value))).toBe(expected);
	});
});
