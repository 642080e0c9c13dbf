import { RecentMemory } from '../../../nodes/RingCentralTrigger/memory';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

beforeEach(() => jest.useFakeTimers().setSystemTime(NOW));
afterEach(() => jest.useRealTimers());

describe('RecentMemory', () => {
	it('forgets an entry once its time to live has passed', () => {
		const memory = new RecentMemory<string>(10, 1000);
		memory.set('a', 'first');
		jest.setSystemTime(NOW + 999);
		expect(memory.get('a')).toBe('first');
		jest.setSystemTime(NOW + 1000);
		expect(memory.get('a')).toBeUndefined();
	});

	it('drops the least recently written entries beyond its capacity', () => {
		const memory = new RecentMemory<number>(2, 1000);
		memory.set('a', 1);
		memory.set('b', 2);
		memory.set('a', 3); // rewriting makes "a" the most recent
		memory.set('c', 4);
		expect([memory.get('a'), memory.get('b'), memory.get('c')]).toEqual([3, undefined, 4]);
	});

	it('restarts the time to live when an entry is written again', () => {
		const memory = new RecentMemory<boolean>(10, 1000);
		memory.set('a', true);
		jest.setSystemTime(NOW + 800);
		memory.set('a', true);
		jest.setSystemTime(NOW + 1500);
		expect(memory.get('a')).toBe(true);
	});

	it('forgets a deleted entry', () => {
		const memory = new RecentMemory<boolean>(10, 1000);
		memory.set('a', true);
		memory.delete('a');
		expect(memory.get('a')).toBeUndefined();
	});
});
