/** Jest global setup of the e2e project: boots ONE real n8n with the built package as a custom extension, creates
 * the owner account, and publishes the connection info to the test processes through a state file. */
import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';

import {
	freePort,
	logTail,
	startN8n,
	STATE_ENV,
	stopN8n,
	writeState,
	type HarnessState,
} from './n8n-process';

const repoRoot = path.resolve(__dirname, '../../..');

function installN8n(): string {
	const output = execFileSync('bash', [path.join(repoRoot, 'scripts/install-n8n.sh')], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return output.trim().split('\n').pop() as string;
}

/** A copy, not a link: a concurrent `npm run build` (rimraf dist) must not pull the nodes from under n8n. */
function copyPackage(customDir: string): void {
	if (!existsSync(path.join(repoRoot, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` before the e2e tests');
	}
	const target = path.join(customDir, 'n8n-nodes-ringcentral-highlevel');
	mkdirSync(target, { recursive: true });
	cpSync(path.join(repoRoot, 'package.json'), path.join(target, 'package.json'));
	cpSync(path.join(repoRoot, 'dist'), path.join(target, 'dist'), { recursive: true });
}

async function setupOwner(state: HarnessState): Promise<void> {
	const response = await fetch(`${state.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ...state.owner, firstName: 'E2E', lastName: 'Owner' }),
	});
	if (!response.ok) {
		throw new Error(
			`owner setup failed: ${response.status} ${await response.text()}\n${logTail(state)}`,
		);
	}
}

/** Installs (or reuses) n8n, copies the built package in, starts n8n and creates the owner. Also used by
 * scripts/demo.ts. */
export async function boot(state: HarnessState): Promise<void> {
	state.n8nDir = process.env.N8N_E2E_HOME ?? installN8n();
	mkdirSync(path.join(state.runDir, 'user'));
	copyPackage(path.join(state.runDir, 'custom'));
	state.pid = await startN8n(state);
	try {
		await setupOwner(state);
	} catch (error) {
		await stopN8n(state.pid);
		state.pid = 0;
		throw error;
	}
}

export default async function globalSetup(): Promise<void> {
	const runDir = mkdtempSync(path.join(tmpdir(), 'n8n-e2e-'));
	const port = await freePort();
	const state: HarnessState = {
		n8nDir: '',
		runDir,
		port,
		brokerPort: await freePort(),
		baseUrl: `http://127.0.0.1:${port}`,
		pid: 0,
		logFile: path.join(runDir, 'n8n.log'),
		owner: { email: 'owner@e2e.test', password: 'E2e-owner-password-1' },
	};
	// A boot failure is reported by every e2e test (the client throws it) rather than by aborting jest, so the
	// run still ends with the summary line and the unit results.
	await boot(state).catch((error: Error) => (state.bootError = error.message));
	writeState(state);
	if (process.env.N8N_E2E_KEEP) process.stdout.write(`\nn8n e2e run folder (kept): ${runDir}\n`);
	// test workers inherit the environment of the jest process
	process.env[STATE_ENV] = path.join(runDir, 'state.json');
}
