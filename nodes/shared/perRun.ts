const values = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `read()` once per node run (n8n hands each run its own context object), shared by every request of the run; a
 * failed read is forgotten so the next request tries again. Used for credentials: loading one is a database read
 * and a decryption in n8n, and what the transports take from it cannot change during a run.
 */
export async function oncePerRun<T>(context: object, key: string, read: () => Promise<T>): Promise<T> {
	let byKey = values.get(context);
	if (!byKey) values.set(context, (byKey = new Map()));
	let value = byKey.get(key) as Promise<T> | undefined;
	if (!value) {
		value = read();
		byKey.set(key, value);
		value.catch(() => byKey?.delete(key));
	}
	return await value;
}
