/** Issue 4's proof: each workflow template of templates/, imported as it ships (type prefix rewritten for a custom
 * extension, credentials pointed at the simulators), runs end to end in a real n8n. RingCentral events reach the
 * activated workflow's webhook and the HighLevel simulator ends in exactly the expected state, also when an event
 * arrives twice, a 429 interrupts the run or the access token expires. */
import type { IDataObject } from 'n8n-workflow';

import { n8n, type WorkflowDefinition } from './harness/n8n';
import { loadTemplate } from './harness/templates';
import { oAuth2Credential, writes, type HighLevelCredential } from './support/highlevel';
import {
	createJwtCredential,
	OWNER_SMS_NUMBER,
	sleep,
	useRingCentralSimulator,
	waitFor,
	type Credential,
} from './support/ringcentral';
import { startHighLevelSimulator, type HighLevelSimulator } from '../simulators/highlevel';

/** A template as a user imports it, with the two credentials chosen. */
function template(file: string, ringCentral: Credential, highLevel: HighLevelCredential): WorkflowDefinition {
	return loadTemplate(file, {
		ringCentralJwtApi: ringCentral,
		highLevelContactsOAuth2Api: highLevel,
	});
}

/** The template without its schedule (and sticky note), so the harness starts it like "Execute workflow". */
function withoutSchedule(workflow: WorkflowDefinition): WorkflowDefinition {
	const dropped = workflow.nodes
		.filter((node) => /scheduleTrigger|stickyNote/.test(node.type))
		.map((node) => node.name);
	const connections = Object.fromEntries(
		Object.entries(workflow.connections).filter(([from]) => !dropped.includes(from)),
	);
	return {
		...workflow,
		nodes: workflow.nodes.filter((node) => !dropped.includes(node.name)),
		connections,
	};
}

const rig = useRingCentralSimulator();
let hl: HighLevelSimulator;
beforeAll(async () => {
	hl = await startHighLevelSimulator({ rateLimit: true });
});
afterAll(async () => await hl.close());
beforeEach(() => hl.reset());
afterEach(() => expect(hl.violations).toEqual([]));

const contacts = () => [...hl.store.contacts.values()];
const contactWithPhone = (phone: string) => contacts().find((contact) => contact.phone === phone);
const notesOf = (contactId: string) =>
	[...hl.store.notes.values()].filter((note) => note.contactId === contactId);
const tasksOf = (contactId: string) =>
	[...hl.store.tasks.values()].filter((task) => task.contactId === contactId);

/**
 * What the HighLevel node output in every execution, once the workflow has at least `count` executions and no
 * more arrive. A delivery repeated before the first run ended can start a second run (the trigger remembers
 * deliveries only when a run ends); the HighLevel side must still end up written once.
 */
async function loggedItems(
	workflowId: string,
	nodeName: string,
	count: number,
): Promise<IDataObject[]> {
	await n8n.waitForExecutions(workflowId, count, 60_000);
	await sleep(2000);
	const executions = await n8n.waitForExecutions(
		workflowId,
		(await n8n.listExecutions(workflowId)).length,
	);
	const results = await Promise.all(
		executions.map(async (execution) => await n8n.getExecution(execution.id)),
	);
	for (const result of results) expect(result.error).toBeUndefined();
	return results.flatMap((result) => result.json(nodeName));
}

async function credentials() {
	return {
		ringCentral: await createJwtCredential(rig.sim),
		highLevel: await oAuth2Credential(hl, hl.issueToken()),
	};
}

const ADA = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	mobilePhone: '+14155550131',
	company: 'Analytical Engines',
	businessAddress: {
		street: '1 Main St',
		city: 'Springfield',
		state: 'IL',
		zip: '62701',
		country: 'US',
	},
};
const GRACE = {
	firstName: 'Grace',
	lastName: 'Hopper',
	email: 'grace@example.com',
	businessPhone: '(415) 555-0132',
};

describe('contact sync templates', () => {
	test('full sync creates every contact once, reports unchanged on the next run, and waits out a 429', async () => {
		const { ringCentral, highLevel } = await credentials();
		rig.sim.changeContact({ action: 'create', contact: ADA });
		rig.sim.changeContact({ action: 'create', contact: GRACE });
		hl.seed({ contacts: [{ firstName: 'Grace', email: 'grace@example.com', tags: ['vip'] }] });
		const workflow = withoutSchedule(template('contact-sync-full.json', ringCentral, highLevel));
		hl.server.configure({
			faults: { failNext: { status: 429, count: 2, pathPrefix: '/contacts/upsert' } },
		});

		const first = await n8n.runWorkflow(workflow);

		expect(first.error).toBeUndefined();
		expect(
			first
				.json('Sync to HighLevel')
				.map((item) => item.action)
				.sort(),
		).toEqual(['created', 'updated']);
		expect(contacts()).toHaveLength(2);
		expect(contactWithPhone('+14155550131')).toMatchObject({
			firstName: 'Ada',
			lastName: 'Lovelace',
			email: 'ada@example.com',
			companyName: 'Analytical Engines',
			address1: '1 Main St',
			city: 'Springfield',
			state: 'IL',
			postalCode: '62701',
			country: 'US',
			source: 'RingCentral',
			tags: ['ringcentral'],
		});
		expect(contacts().find((contact) => contact.email === 'grace@example.com')).toMatchObject({
			lastName: 'Hopper',
			phone: '+14155550132',
			tags: ['vip', 'ringcentral'],
		});
		expect(hl.requests.filter((request) => request.status === 429)).toHaveLength(2);

		const writesBefore = writes(hl).length;
		const second = await n8n.runWorkflow(workflow);
		expect(second.json('Sync to HighLevel').map((item) => item.action)).toEqual([
			'unchanged',
			'unchanged',
		]);
		expect(writes(hl)).toHaveLength(writesBefore);
	});

	test('incremental sync on the poll trigger syncs added and changed contacts and leaves deleted ones', async () => {
		const { ringCentral, highLevel } = await credentials();
		const grace = rig.sim.changeContact({ action: 'create', contact: GRACE });
		const workflowId = await rig.activate(
			template('contact-sync-incremental.json', ringCentral, highLevel),
		);
		// the first poll, at activation, only learns where the address book is
		await waitFor('the first address-book sync', () =>
			rig.sim.server.requests.some((r) => r.path.endsWith('/address-book-sync')),
		);

		rig.sim.changeContact({ action: 'create', contact: ADA });
		rig.sim.changeContact({ action: 'delete', id: grace.id });
		// n8n polls once when a workflow is activated, also at start-up
		await n8n.restartN8n();

		const synced = await loggedItems(workflowId, 'Sync to HighLevel', 1);
		expect(synced).toEqual([expect.objectContaining({ action: 'created' })]);
		expect(contacts()).toEqual([
			expect.objectContaining({ email: 'ada@example.com', phone: '+14155550131' }),
		]);
	});
});

describe('call and message templates', () => {
	const CALLER = '+14155550177';

	test('missed call: one note, one task and the tag, although every event arrives twice and the token expired', async () => {
		// the HighLevel access token expires one second after it was issued; the refreshed one lasts
		hl.configure({ accessTokenTtlSeconds: 1 });
		const { ringCentral, highLevel } = await credentials();
		hl.configure({ accessTokenTtlSeconds: 86_399 });
		const [known] = hl.seed({
			contacts: [{ firstName: 'Kim', phone: CALLER, tags: ['lead'] }],
		}).contactIds;
		const workflowId = await rig.activate(
			template('missed-call-follow-up.json', ringCentral, highLevel),
		);
		await sleep(1100);
		rig.sim.configure({ duplicateDeliveries: true });

		const { record } = await rig.sim.makeCall({
			from: CALLER,
			direction: 'Inbound',
			result: 'Missed',
		});
		// an answered call is no missed call: it starts no execution
		await rig.sim.makeCall({ from: CALLER, direction: 'Inbound', result: 'Answered' });

		const items = await loggedItems(workflowId, 'Log Missed Call', 1);
		expect(items).toContainEqual(
			expect.objectContaining({ action: 'logged', contactId: known, contactCreated: false }),
		);
		const marker = `[RingCentral call ${String(record.telephonySessionId)}]`;
		const notes = notesOf(known);
		expect(notes).toHaveLength(1);
		expect(notes[0].body).toContain(`Inbound call - Missed\n`);
		expect(notes[0].body).toContain(`From: ${CALLER}\nTo: ${OWNER_SMS_NUMBER}`);
		expect(notes[0].body.endsWith(marker)).toBe(true);
		const tasks = tasksOf(known);
		expect(tasks).toEqual([
			expect.objectContaining({ title: `Call back ${CALLER} ${marker}`, completed: false }),
		]);
		expect(hl.store.contacts.get(known)?.tags).toEqual(['lead', 'missed call']);
		// the expired token was refreshed once, then every request went through
		expect(hl.auth.refreshCount).toBe(1);
	});

	test('call ended: notes every call once on its contact, creating unknown callers, also when re-delivered', async () => {
		const { ringCentral, highLevel } = await credentials();
		const [known] = hl.seed({ contacts: [{ firstName: 'Kim', phone: CALLER }] }).contactIds;
		const workflowId = await rig.activate(template('call-notes.json', ringCentral, highLevel));
		const subscription = rig.sim.subscriptions.all.find((s) => s.status === 'Active')!;

		await rig.sim.makeCall({
			from: CALLER,
			direction: 'Inbound',
			result: 'Answered',
			durationSec: 95,
		});
		const outbound = await rig.sim.makeCall({
			to: '+14155550188',
			direction: 'Outbound',
			result: 'Answered',
		});
		await loggedItems(workflowId, 'Log Call', 2);
		// the same call ends once more for another party of its telephony session (account-wide calls are seen by
		// each extension): the trigger emits it again, the marker in HighLevel stops a second note; on the way a 429
		// on the first HighLevel request is waited out
		hl.server.configure({
			faults: { failNext: { status: 429, count: 1, pathPrefix: '/contacts/' } },
		});
		await rig.sim.deliver(subscription.id, {
			event: outbound.deliveries.at(-1)!.event,
			body: {
				telephonySessionId: outbound.record.telephonySessionId,
				eventTime: new Date().toISOString(),
				parties: [
					{
						id: 'another-party',
						direction: 'Outbound',
						status: { code: 'Disconnected' },
						from: { phoneNumber: OWNER_SMS_NUMBER },
						to: { phoneNumber: '+14155550188' },
					},
				],
			},
		});

		const items = await loggedItems(workflowId, 'Log Call', 3);
		// the second end of the outbound call found its note
		expect(items).toContainEqual(
			expect.objectContaining({ action: 'unchanged', callId: outbound.record.telephonySessionId }),
		);
		expect(notesOf(known)).toHaveLength(1);
		const created = contactWithPhone('+14155550188');
		expect(created).toMatchObject({ source: 'RingCentral' });
		expect(notesOf(created!.id)).toEqual([
			expect.objectContaining({ body: expect.stringContaining('Outbound call - Answered') }),
		]);
		expect(contacts()).toHaveLength(2);
		expect(hl.store.tasks.size).toBe(0);
	});

	test('SMS and voicemail: inbound, outbound and voicemail each noted once on the other party', async () => {
		const { ringCentral, highLevel } = await credentials();
		const [known] = hl.seed({ contacts: [{ firstName: 'Kim', phone: CALLER }] }).contactIds;
		const workflowId = await rig.activate(
			template('sms-voicemail-history.json', ringCentral, highLevel),
		);
		rig.sim.configure({ duplicateDeliveries: true });

		const inbound = await rig.sim.receiveSms({ from: CALLER, text: 'Can you call me?' });
		const outbound = await rig.sim.sendSms({ to: CALLER, text: 'Calling you at 3pm' });
		const voicemail = await rig.sim.leaveVoicemail({
			from: '+14155550199',
			durationSec: 20,
			transcription: 'It is Lee',
		});

		const items = await loggedItems(workflowId, 'Log Message', 3);
		expect(items.filter((item) => item.action === 'logged').length).toBeGreaterThanOrEqual(3);
		const notes = notesOf(known).map((note) => note.body);
		expect(notes).toHaveLength(2);
		expect(
			notes.find((body) => body.includes(`[RingCentral message ${String(inbound.record.id)}]`)),
		).toContain('Inbound SMS\n');
		expect(
			notes.find((body) => body.includes(`[RingCentral message ${String(outbound.record.id)}]`)),
		).toContain('Text: Calling you at 3pm');
		const lee = contactWithPhone('+14155550199');
		const [voicemailNote] = notesOf(lee!.id);
		expect(voicemailNote.body).toMatch(/^Inbound voicemail\n/);
		expect(voicemailNote.body).toMatch(
			/Transcript: http\S+\nRecording: http\S+\n\[RingCentral message \d+\]$/,
		);
		expect(voicemailNote.body).toContain(`[RingCentral message ${String(voicemail.record.id)}]`);
		expect(hl.store.notes.size).toBe(3);
	});
});
