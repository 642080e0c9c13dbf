/**
 * `npm run demo` (scripts/demo.sh builds first, then runs this with tsx): a real n8n with this package as a custom
 * extension, the HighLevel and RingCentral simulators seeded with a little data, credentials pointing at them and
 * the templates imported. Prints the addresses and the login, then runs until Ctrl+C (SIGINT) or SIGTERM.
 *
 *   --port <n>    n8n's port (default $N8N_PORT or 5678; a free port when it is taken)
 *   --dir <path>  n8n's folder (default .demo/ in the repository); every run recreates it
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'fs';
import { createServer } from 'net';
import path from 'path';
import { parseArgs } from 'util';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { boot } from '../test/e2e/harness/global-setup';
import {
	freePort,
	STATE_ENV,
	stopN8n,
	writeState,
	type HarnessState,
} from '../test/e2e/harness/n8n-process';
import { loadTemplate, TEMPLATES_DIR, type CredentialRef } from '../test/e2e/harness/templates';
import {
	DEFAULT_CLIENT,
	startHighLevelSimulator,
	type HighLevelSimulator,
} from '../test/simulators/highlevel';
import {
	startRingCentralSimulator,
	type RingCentralSimulator,
} from '../test/simulators/ringcentral';

const repoRoot = path.resolve(__dirname, '..');
const OWNER = { email: 'demo@example.com', password: 'Demo-password-1' };


async function isFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Recreates the demo folder, refusing to wipe a non-empty folder that no demo made. */
function resetFolder(dir: string): void {
	if (existsSync(dir) && readdirSync(dir).length && !existsSync(path.join(dir, 'state.json'))) {
		throw new Error(`${dir} is not empty and was not made by the demo: choose another --dir`);
	}
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
}

/** People who appear in both systems, so a sync shows both "created" and "updated". */
function seedRingCentral(rc: RingCentralSimulator): void {
	const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
	for (const contact of [
		{
			firstName: 'Maria',
			lastName: 'Garcia',
			email: 'maria.garcia@example.com',
			mobilePhone: '+14155550142',
			company: 'Garcia Landscaping',
		},
		{
			firstName: 'James',
			lastName: 'Chen',
			email: 'james.chen@example.com',
			businessPhone: '(415) 555-0178',
			company: 'Chen Family Dental',
		},
		{ firstName: 'Priya', lastName: 'Patel', mobilePhone: '+14155550193' },
	]) {
		rc.changeContact({ action: 'create', contact });
	}
	rc.events.addCallRecord({ from: '+14155550142', durationSec: 245, startTime: minutesAgo(180) });
	rc.events.addCallRecord({ direction: 'Outbound', to: '+14155550178', startTime: minutesAgo(95) });
	rc.events.addCallRecord({
		from: '+14155550166',
		name: 'Daniel Brooks',
		result: 'Missed',
		startTime: minutesAgo(25),
	});
	// no workflow subscribed yet: these notify nobody
	rc.events.receiveSms({
		from: '+14155550193',
		text: 'Hi, can we move tomorrow to 3pm?',
		creationTime: minutesAgo(40),
	});
	rc.events.sendSms({
		to: '+14155550193',
		text: '3pm works, see you then!',
		creationTime: minutesAgo(38),
	});
}

function seeded(hl: HighLevelSimulator, rc: RingCentralSimulator): string {
	const missed = rc.state.callLog.filter((call) => call.result === 'Missed').length;
	return (
		`RingCentral ${rc.state.contacts.length} address-book contacts, ${rc.state.callLog.length} calls ` +
		`(${missed} missed), ${rc.state.messages.length} SMS; HighLevel ${hl.store.contacts.size} contacts`
	);
}

function seedHighLevel(hl: HighLevelSimulator): void {
	hl.seed({
		contacts: [
			{
				firstName: 'Maria',
				lastName: 'Garcia',
				email: 'maria.garcia@example.com',
				phone: '+14155550142',
				companyName: 'Garcia Landscaping',
				tags: ['customer'],
			},
			{
				firstName: 'Olivia',
				lastName: 'Bennett',
				email: 'olivia.bennett@example.com',
				phone: '+14155550124',
				companyName: 'Bennett Realty',
				tags: ['lead'],
			},
			{
				firstName: 'Noah',
				lastName: 'Kim',
				email: 'noah@kimbakery.example.com',
				phone: '+14155550111',
				companyName: 'Kim Bakery',
				tags: [],
			},
		],
	});
}

/** Credential data by type, as a user would fill it in after connecting to the simulators. */
function demoCredentials(
	hl: HighLevelSimulator,
	rc: RingCentralSimulator,
): Record<string, { name: string; data: ICredentialDataDecryptedObject }> {
	const privateIntegration = hl.issueToken({ kind: 'private-integration' });
	return {
		highLevelContactsOAuth2Api: {
			name: 'HighLevel OAuth2 (simulator)',
			data: {
				apiUrl: hl.url,
				// "Reconnect" in the editor then runs the consent flow against the simulator too
				authorizationUrl: 'custom',
				customAuthorizationUrl: `${hl.url}/oauth/chooselocation`,
				clientId: DEFAULT_CLIENT.clientId,
				clientSecret: DEFAULT_CLIENT.clientSecret,
				accessLevel: 'contacts.readonly contacts.write',
				// what the consent flow would store: access and refresh token issued by the simulator
				oauthTokenData: hl.issueToken() as ICredentialDataDecryptedObject,
			},
		},
		highLevelPrivateIntegrationApi: {
			name: 'HighLevel Private Integration (simulator)',
			data: {
				apiUrl: hl.url,
				token: privateIntegration.access_token as string,
				locationId: privateIntegration.locationId as string,
			},
		},
		ringCentralJwtApi: {
			name: 'RingCentral JWT (simulator)',
			data: {
				apiUrl: rc.url,
				clientId: rc.clientId,
				clientSecret: rc.clientSecret,
				jwtToken: rc.issueJwt(),
			},
		},
	};
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { port: { type: 'string' }, dir: { type: 'string' } },
	});
	const dir = path.resolve(values.dir ?? path.join(repoRoot, '.demo'));
	const requested = Number(values.port ?? process.env.N8N_PORT ?? 5678);
	const port = requested && (await isFree(requested)) ? requested : await freePort();
	if (requested && port !== requested)
		process.stderr.write(`Port ${requested} is taken: n8n uses ${port}.\n`);
	resetFolder(dir);

	const [hl, rc] = await Promise.all([startHighLevelSimulator(), startRingCentralSimulator()]);
	const state: HarnessState = {
		n8nDir: '',
		runDir: dir,
		port,
		brokerPort: await freePort(),
		baseUrl: `http://127.0.0.1:${port}`,
		pid: 0,
		logFile: path.join(dir, 'n8n.log'),
		owner: OWNER,
	};
	writeState(state); // marks the folder as the demo's, for the next run to recreate
	process.stderr.write(`Starting n8n (log: ${state.logFile}) ...\n`);
	const booted = boot(state);

	let stopping = false;
	const stop = async (exitCode: number) => {
		if (stopping) return; // a terminal's Ctrl+C may arrive twice (group signal and a relay)
		stopping = true;
		process.stderr.write('Stopping n8n and the simulators ...\n');
		await booted.catch(() => undefined); // n8n runs in its own process group: wait for its pid
		if (state.pid) await stopN8n(state.pid);
		await Promise.all([hl.close(), rc.close()]);
		process.exit(exitCode);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		await booted;
		writeState(state); // with n8n's pid
		seedRingCentral(rc);
		seedHighLevel(hl);
		const { credentials, templates } = await setUpN8n(state, hl, rc);
		printReady(state, hl, rc, credentials, templates);
	} catch (error) {
		process.stderr.write(`demo failed: ${(error as Error).message}\n`);
		await stop(1);
	}
}

/** Creates the demo credentials and imports every template, bound to them. */
async function setUpN8n(
	state: HarnessState,
	hl: HighLevelSimulator,
	rc: RingCentralSimulator,
): Promise<{ credentials: CredentialRef[]; templates: string[] }> {
	// The harness client reaches the n8n named by the state file, read when its module loads.
	process.env[STATE_ENV] = path.join(state.runDir, 'state.json');
	const { n8n } = await import('../test/e2e/harness/n8n');
	const byType: Record<string, CredentialRef> = {};
	for (const [type, { name, data }] of Object.entries(demoCredentials(hl, rc))) {
		byType[type] = { id: await n8n.createCredential(type, name, data), name };
	}
	const templates: string[] = [];
	for (const file of readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.json'))) {
		const workflow = loadTemplate(file, byType);
		await n8n.createWorkflow(workflow);
		templates.push(workflow.name ?? file);
	}
	return { credentials: Object.values(byType), templates };
}

function printReady(
	state: HarnessState,
	hl: HighLevelSimulator,
	rc: RingCentralSimulator,
	credentials: CredentialRef[],
	templates: string[],
): void {
	const list = (lines: string[]) => lines.map((line) => `  - ${line}`).join('\n');

	process.stdout.write(`
n8n-nodes-ringcentral-highlevel demo is ready.

  n8n:                   ${state.baseUrl}
  login:                 ${state.owner.email} / ${state.owner.password}
  HighLevel simulator:   ${hl.url}   (its data: GET ${hl.url}/__admin/state)
  RingCentral simulator: ${rc.url}   (its data: GET ${rc.url}/__admin/state)

Credentials, pointing at the simulators:
${list(credentials.map((credential) => credential.name))}
Templates, imported inactive:
${list(templates)}
Seeded: ${seeded(hl, rc)}.

Try it: open the full contact sync template and press "Execute workflow". The templates that start with the
RingCentral Trigger listen after "Execute workflow" (or when activated); then make something happen in RingCentral:
  curl -X POST ${rc.url}/__admin/events/call -H 'content-type: application/json' \\
    -d '{"from": "+14155550166", "name": "Daniel Brooks", "result": "Missed"}'
  Also events/sms-in {"from", "text"} and events/voicemail {"from", "transcription"}: see
  test/simulators/ringcentral/README.md.

Every run starts afresh: ${state.runDir} (n8n's data) is recreated, the simulators keep data in memory only.
Press Ctrl+C to stop n8n and the simulators.
`);
}

main().catch((error: Error) => {
	process.stderr.write(`demo failed: ${error.message}\n`);
	process.exit(1);
});
