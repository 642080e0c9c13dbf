/** `npm run demo` as a new user runs it: scripts/demo.sh in a terminal, then Ctrl+C. It must print a working n8n
 * address and login, have every template imported with its nodes loaded from this package and bound to the demo
 * credentials, and leave nothing running after Ctrl+C. */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

import type { INode } from 'n8n-workflow';

const repoRoot = path.resolve(__dirname, '../..');
const READY = 'demo is ready';

interface Printed {
	n8n: string;
	email: string;
	password: string;
	highLevel: string;
	ringCentral: string;
}

function parse(output: string): Printed {
	const field = (pattern: RegExp) => {
		const match = pattern.exec(output);
		if (!match) throw new Error(`the demo did not print ${pattern}:\n${output}`);
		return match;
	};
	const [, email, password] = field(/login:\s+(\S+) \/ (\S+)/);
	return {
		n8n: field(/n8n:\s+(http\S+)/)[1],
		email,
		password,
		highLevel: field(/HighLevel simulator:\s+(http\S+)/)[1],
		ringCentral: field(/RingCentral simulator:\s+(http\S+)/)[1],
	};
}

/** Whether a process (or, negative, a process group) still exists. */
function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

const answers = async (url: string) =>
	await fetch(url).then(
		() => true,
		() => false,
	);

let demo: ChildProcess;
let exited: Promise<number | null>;
let output = '';
const dir = mkdtempSync(path.join(tmpdir(), 'n8n-demo-'));
const n8nPid = () =>
	(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as { pid: number }).pid;

beforeAll(async () => {
	// its own process group, like a terminal's foreground job, so Ctrl+C can be sent to all of it
	demo = spawn('bash', [path.join(repoRoot, 'scripts/demo.sh'), '--dir', dir], {
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	exited = new Promise((resolve) => demo.once('exit', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`no "${READY}" in 300 s:\n${output}`)),
			300_000,
		);
		demo.stdout!.on('data', () => {
			if (output.includes(READY)) {
				clearTimeout(timer);
				resolve();
			}
		});
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`the demo exited (${code}) before it was ready:\n${output}`));
		});
	});
}, 330_000);

afterAll(async () => {
	if (demo.exitCode === null) process.kill(-demo.pid!, 'SIGKILL');
	try {
		process.kill(-n8nPid(), 'SIGKILL');
	} catch {
		// already stopped, as it should be
	}
	rmSync(dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
	let printed: Printed;
	let cookie: string;
	const rest = async <T>(urlPath: string): Promise<T> => {
		const response = await fetch(`${printed.n8n}/rest${urlPath}`, {
			headers: { cookie, 'browser-id': 'demo-test' },
		});
		expect(response.status).toBe(200);
		return ((await response.json()) as { data: T }).data;
	};

	test('prints an n8n address and a login that work', async () => {
		printed = parse(output);
		expect((await fetch(`${printed.n8n}/healthz/readiness`)).status).toBe(200);

		const login = await fetch(`${printed.n8n}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'demo-test' },
			body: JSON.stringify({ emailOrLdapLoginId: printed.email, password: printed.password }),
		});

		expect(login.status).toBe(200);
		cookie = login.headers
			.getSetCookie()
			.find((c) => c.startsWith('n8n-auth='))!
			.split(';')[0];
		expect(cookie).toBeDefined();
	});

	test('imports every template with this package’s nodes, bound to the demo credentials', async () => {
		const templates = readdirSync(path.join(repoRoot, 'templates'))
			.filter((file) => file.endsWith('.json'))
			.map(
				(file) =>
					JSON.parse(readFileSync(path.join(repoRoot, 'templates', file), 'utf8')) as {
						name: string;
					},
			);
		const credentials = await rest<Array<{ id: string; type: string }>>('/credentials');
		const credentialTypes = Object.fromEntries(credentials.map((c) => [c.id, c.type]));
		expect(Object.values(credentialTypes).sort()).toEqual([
			'highLevelContactsOAuth2Api',
			'highLevelPrivateIntegrationApi',
			'ringCentralJwtApi',
		]);
		const listed = await rest<Array<{ id: string; name: string }>>('/workflows');
		expect(listed.map((w) => w.name).sort()).toEqual(templates.map((t) => t.name).sort());

		const loadedTypes = new Set(
			(
				(await (
					await fetch(`${printed.n8n}/types/nodes.json`, { headers: { cookie } })
				).json()) as Array<{ name: string }>
			).map((type) => type.name),
		);
		for (const { id } of listed) {
			const { nodes } = await rest<{ nodes: INode[] }>(`/workflows/${id}`);
			expect(nodes.some((node) => node.type.startsWith('CUSTOM.'))).toBe(true);
			for (const node of nodes) {
				expect(loadedTypes).toContain(node.type);
				for (const [type, { id: credentialId }] of Object.entries(node.credentials ?? {})) {
					expect(credentialTypes[credentialId!]).toBe(type);
				}
			}
		}
	});

	test('the simulators answer and hold the seeded data', async () => {
		const highLevel = (await (await fetch(`${printed.highLevel}/__admin/state`)).json()) as {
			contacts: unknown[];
		};
		const ringCentral = (await (await fetch(`${printed.ringCentral}/__admin/state`)).json()) as {
			contacts: unknown[];
			callLog: Array<{ result: string }>;
			messages: unknown[];
		};

		expect(highLevel.contacts.length).toBeGreaterThan(0);
		expect(ringCentral.contacts.length).toBeGreaterThan(0);
		expect(ringCentral.callLog.map((call) => call.result)).toContain('Missed');
		expect(ringCentral.messages.length).toBeGreaterThan(0);
	});

	test('Ctrl+C stops n8n and both simulators, and the demo exits cleanly', async () => {
		const pid = n8nPid();
		expect(isAlive(pid)).toBe(true);

		process.kill(-demo.pid!, 'SIGINT');

		expect(await exited).toBe(0);
		expect(isAlive(pid)).toBe(false);
		expect(isAlive(-pid)).toBe(false); // n8n's process group: its task runner too
		for (const url of [printed.n8n, printed.highLevel, printed.ringCentral]) {
			expect(await answers(url)).toBe(false);
		}
	}, 60_000);
});
