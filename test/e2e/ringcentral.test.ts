/** The RingCentral nodes inside a real n8n against the RingCentral simulator: the action node with a JWT credential,
 * the webhook trigger's subscription lifecycle and the poll trigger. Every request must validate against the spec. */
import type { IDataObject } from 'n8n-workflow';

import { n8n } from './harness/n8n';
import { ACCOUNT_ID } from '../simulators/ringcentral/state';
import { readState, stopN8n } from './harness/n8n-process';
import {
	chain,
	createJwtCredential,
	type Credential,
	done,
	loadOptions,
	OWNER_EXTENSION_ID,
	OWNER_SMS_NUMBER,
	requestsTo,
	ringCentralNode,
	sleep,
	useRingCentralSimulator,
	waitFor,
} from './support/ringcentral';

const rig = useRingCentralSimulator();

const E164 = /^\+[1-9]\d{7,14}$/;

describe('RingCentral node with a JWT credential', () => {
	test('call log Return All follows navigation.nextPage across pages and keeps only missed calls', async () => {
		const { sim } = rig;
		sim.seed({ callLog: 2500 });
		const missed = sim.state.callLog.filter((record) => record.result === 'Missed');
		const credential = await createJwtCredential(sim);

		const result = await n8n.runWorkflow(
			chain(
				ringCentralNode('ringCentral', 'Calls', credential, {
					resource: 'callLog',
					operation: 'getAll',
					returnAll: true,
					filters: { missedOnly: true },
				}),
			),
		);

		expect(result.error).toBeUndefined();
		const calls = result.json('Calls');
		expect(calls.map((call) => call.id).sort()).toEqual(missed.map((record) => record.id).sort());
		// 2500 records, 1000 a page: the second and third pages come from navigation.nextPage
		expect(requestsTo(sim, '/call-log').map((request) => request.query.page)).toEqual([
			undefined,
			'2',
			'3',
		]);
		for (const call of calls) {
			expect(call.fromE164).toBe((call.from as IDataObject).phoneNumber);
			expect(call.fromE164).toMatch(E164);
			expect(call.toE164).toBe(OWNER_SMS_NUMBER);
		}
	});

	test('sends an SMS from the number the From picker offers and lists it with the other messages', async () => {
		const { sim } = rig;
		sim.seed({ messages: 4 });
		const credential = await createJwtCredential(sim);
		const send = ringCentralNode('ringCentral', 'Send', credential, {
			resource: 'message',
			operation: 'sendSms',
			to: '(415) 555-0199',
			text: 'Your appointment is confirmed',
		});

		const senders = await loadOptions(send, 'from', 'getSmsSenderNumbers');
		// the main company number has no SmsSender feature
		expect(senders.map((option) => option.value)).toEqual([OWNER_SMS_NUMBER]);

		const result = await n8n.runWorkflow(
			chain(
				{ ...send, parameters: { ...send.parameters, from: senders[0].value } },
				ringCentralNode('ringCentral', 'List', credential, {
					resource: 'message',
					operation: 'getAll',
					returnAll: true,
					filters: { messageType: ['SMS'] },
				}),
			),
		);

		expect(result.error).toBeUndefined();
		const [sent] = result.json('Send');
		expect(requestsTo(sim, '/sms', 'POST').map((request) => request.body)).toEqual([
			{
				from: { phoneNumber: OWNER_SMS_NUMBER },
				to: [{ phoneNumber: '+14155550199' }],
				text: 'Your appointment is confirmed',
			},
		]);
		expect(sent).toMatchObject({ fromE164: OWNER_SMS_NUMBER, toE164: ['+14155550199'] });
		const listed = result.json('List');
		expect(listed.map((message) => message.id).sort()).toEqual(
			sim.state.messages.map((m) => m.id).sort(),
		);
		expect(listed).toHaveLength(5);
		expect(listed.find((message) => message.id === sent.id)).toMatchObject({
			subject: 'Your appointment is confirmed',
			direction: 'Outbound',
		});
		for (const message of listed) expect(message.fromE164).toMatch(E164);
	});

	test('refuses an over-long SMS with a clear error and sends nothing', async () => {
		const { sim } = rig;
		const credential = await createJwtCredential(sim);

		const result = await n8n.runWorkflow(
			chain(
				ringCentralNode('ringCentral', 'Send', credential, {
					resource: 'message',
					operation: 'sendSms',
					from: OWNER_SMS_NUMBER,
					to: '+14155550199',
					text: 'x'.repeat(1001),
				}),
			),
		);

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/1001 characters.*at most 1000/);
		expect(requestsTo(sim, '/sms')).toEqual([]);
		expect(sim.state.messages).toEqual([]);
	});

	test('creates, reads, updates, lists and deletes an address-book contact with E.164 numbers', async () => {
		const { sim } = rig;
		const credential = await createJwtCredential(sim);
		const contactNode = (name: string, parameters: IDataObject) =>
			ringCentralNode('ringCentral', name, credential, { resource: 'contact', ...parameters });
		const byId = { contactId: '={{ $json.id }}' };

		const result = await n8n.runWorkflow(
			chain(
				contactNode('Create', {
					operation: 'create',
					fields: {
						firstName: 'Dana',
						lastName: 'Lee',
						mobilePhone: '(415) 555-0142',
						email: 'dana@example.com',
					},
				}),
				contactNode('Update', {
					operation: 'update',
					...byId,
					updateFields: { businessPhone: '415.555.0177' },
				}),
				contactNode('Get', { operation: 'get', ...byId }),
				contactNode('List', {
					operation: 'getAll',
					returnAll: true,
					filters: { startsWith: 'Dan' },
				}),
				contactNode('Delete', {
					operation: 'delete',
					contactId: "={{ $('Create').item.json.id }}",
				}),
			),
		);

		expect(result.error).toBeUndefined();
		const [created] = result.json('Create');
		expect(created).toMatchObject({
			firstName: 'Dana',
			mobilePhone: '+14155550142',
			email: 'dana@example.com',
		});
		const stored = {
			id: created.id,
			firstName: 'Dana',
			lastName: 'Lee',
			mobilePhone: '+14155550142',
		};
		expect(result.json('Update')).toEqual([
			expect.objectContaining({ ...stored, businessPhone: '+14155550177' }),
		]);
		expect(result.json('Get')).toEqual([
			expect.objectContaining({ ...stored, businessPhone: '+14155550177' }),
		]);
		expect(result.json('List')).toEqual([expect.objectContaining(stored)]);
		expect(result.json('Delete')).toEqual([{ id: String(created.id), deleted: true }]);
		expect(sim.state.contacts.filter((contact) => contact.availability === 'Alive')).toEqual([]);
	});

	test('obtains a new access token exactly once when the JWT token expires mid-run', async () => {
		const { sim } = rig;
		sim.seed({ contacts: 2, callLog: 3 });
		sim.configure({ accessTokenTtlSec: 2 });
		const credential = await createJwtCredential(sim);

		const result = await n8n.runWorkflow(
			chain(
				ringCentralNode('ringCentral', 'Contacts', credential, {
					resource: 'contact',
					operation: 'getAll',
					returnAll: true,
				}),
				{
					name: 'Wait',
					type: 'n8n-nodes-base.wait',
					typeVersion: 1.1,
					parameters: { amount: 3, unit: 'seconds' },
				},
				ringCentralNode('ringCentral', 'Calls', credential, {
					resource: 'callLog',
					operation: 'getAll',
					returnAll: true,
				}),
			),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Contacts')).toHaveLength(2);
		// the Calls node runs once per contact item
		expect(result.json('Calls')).toHaveLength(6);
		expect(sim.tokenGrants().jwt_bearer).toBe(2);
		expect(sim.server.requests.filter((request) => request.status === 401)).toHaveLength(1);
	});

	test('waits out a 429 with Retry-After and loses no item', async () => {
		const { sim } = rig;
		sim.seed({ contacts: 4 });
		const ids = sim.state.contacts.map((contact) => String(contact.id));
		const credential = await createJwtCredential(sim);
		// the second item's read is refused with RingCentral's 429 and Retry-After: 1 (60 s at time scale 60)
		sim.server.configure({
			faults: {
				failNext: {
					status: 429,
					count: 1,
					pathPrefix: `/restapi/v1.0/account/~/extension/~/address-book/contact/${ids[1]}`,
				},
			},
		});

		const result = await n8n.runWorkflow(
			chain(
				ringCentralNode('ringCentral', 'Get', credential, {
					resource: 'contact',
					operation: 'get',
					contactId: '={{ $json.id }}',
				}),
			),
			ids.map((id) => ({ id })),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Get').map((contact) => String(contact.id))).toEqual(ids);
		const reads = requestsTo(sim, /\/address-book\/contact\/\d+$/);
		const limited = reads.findIndex((request) => request.status === 429);
		expect(limited).toBe(1);
		expect(reads.filter((request) => request.status === 429)).toHaveLength(1);
		const waitedMs = reads[limited + 1].at - reads[limited].at;
		expect(waitedMs).toBeGreaterThanOrEqual(950);
		expect(waitedMs).toBeLessThan(5000);
		expect(
			reads
				.filter((request) => request.status === 200)
				.map((request) => request.path.split('/').pop()),
		).toEqual(ids);
	});
});

const INSTANT_SMS_EVENT = `/restapi/v1.0/account/${ACCOUNT_ID}/extension/${OWNER_EXTENSION_ID}/message-store/instant?type=SMS`;

/** An inbound-SMS notification body as RingCentral sends it on the instant message-store filter. */
function instantSms(id: string, text: string): IDataObject {
	return {
		id,
		type: 'SMS',
		direction: 'Inbound',
		from: { phoneNumber: '+14155550166' },
		to: [{ phoneNumber: OWNER_SMS_NUMBER }],
		subject: text,
		messageStatus: 'Received',
		readStatus: 'Unread',
		creationTime: new Date().toISOString(),
		lastModifiedTime: new Date().toISOString(),
		ownerId: OWNER_EXTENSION_ID,
	};
}

/** The items a workflow's trigger emitted, over all its finished executions. */
async function triggeredItems(workflowId: string, executions: number): Promise<IDataObject[]> {
	const summaries = await n8n.waitForExecutions(workflowId, executions);
	const results = await Promise.all(
		summaries.map(async (summary) => await n8n.getExecution(summary.id)),
	);
	for (const result of results) expect(result.status).toBe('success');
	return results.reverse().flatMap((result) => result.json('RingCentral Trigger'));
}

function triggerWorkflow(credential: Credential, events: string[]) {
	return chain(
		ringCentralNode('ringCentralTrigger', 'RingCentral Trigger', credential, { events }),
		done,
	);
}

describe('RingCentral Trigger in an active workflow', () => {
	test('passes the handshake, runs on each event, and refuses forged deliveries', async () => {
		const { sim } = rig;
		const credential = await createJwtCredential(sim);

		const workflowId = await rig.activate(
			triggerWorkflow(credential, ['inboundCall', 'callEnded', 'missedCall', 'inboundSms']),
		);

		// the create request returned only after the simulator's Validation-Token handshake with n8n succeeded
		expect(requestsTo(sim, '/subscription', 'POST').map((request) => request.status)).toEqual([
			200,
		]);
		expect(sim.subscriptions.all).toEqual([
			expect.objectContaining({
				status: 'Active',
				address: expect.stringContaining(`${n8n.baseUrl}/webhook/`),
			}),
		]);
		const [subscription] = sim.subscriptions.all;

		const sms = await sim.receiveSms({ from: '+14155550166', text: 'Call me back' });
		const call = await sim.makeCall({
			from: '+14155550177',
			direction: 'Inbound',
			result: 'Missed',
		});
		// the SMS on the instant filter; the call ringing (Proceeding) and ending (Disconnected)
		expect([...sms.deliveries, ...call.deliveries].map((delivery) => delivery.status)).toEqual([
			200, 200, 200,
		]);
		const forged = [
			...(await sim.deliver(subscription.id, {
				event: INSTANT_SMS_EVENT,
				body: instantSms('9001', 'forged'),
				verificationToken: 'not-the-token',
			})),
			...(await sim.deliver(subscription.id, {
				event: INSTANT_SMS_EVENT,
				body: instantSms('9002', 'unsigned'),
				verificationToken: null,
			})),
		];
		expect(forged.map((delivery) => delivery.status)).toEqual([401, 401]);

		const items = await triggeredItems(workflowId, 3);
		await sleep(1500);
		expect(await n8n.listExecutions(workflowId)).toHaveLength(3);
		expect(items.map((item) => item.eventType)).toEqual([
			'inboundSms',
			'inboundCall',
			'callEnded',
			'missedCall',
		]);
		expect(items[0]).toMatchObject({ fromE164: '+14155550166', text: 'Call me back' });
		expect(items[1]).toMatchObject({ fromE164: '+14155550177', direction: 'Inbound' });
		expect(items[3]).toMatchObject({ fromE164: '+14155550177', result: 'Missed' });
	});

	test('runs once for a delivery that arrives twice, one after the other or at the same time', async () => {
		const { sim } = rig;
		const credential = await createJwtCredential(sim);
		const workflowId = await rig.activate(triggerWorkflow(credential, ['inboundSms']));
		const [subscription] = sim.subscriptions.all;

		sim.configure({ duplicateDeliveries: true }); // at-least-once: every event arrives twice with one uuid
		const sms = await sim.receiveSms({ from: '+14155550166', text: 'sent twice' });
		sim.configure({ duplicateDeliveries: false });
		const concurrent = await sim.deliver(subscription.id, {
			event: INSTANT_SMS_EVENT,
			body: instantSms('9003', 'sent twice at once'),
			copies: 2,
			concurrent: true,
		});
		expect([...sms.deliveries, ...concurrent].map((delivery) => delivery.status)).toEqual([
			200, 200, 200, 200,
		]);

		const items = await triggeredItems(workflowId, 2);
		await sleep(1500);
		expect(await n8n.listExecutions(workflowId)).toHaveLength(2);
		expect(items.map((item) => item.text)).toEqual(['sent twice', 'sent twice at once']);
	});

	test('recreates an expired and a blacklisted subscription when n8n starts again, and events flow again', async () => {
		const { sim } = rig;
		const credential = await createJwtCredential(sim);
		const expiring = await rig.activate(triggerWorkflow(credential, ['inboundSms']));
		const [expired] = sim.subscriptions.all;
		const blacklisting = await rig.activate(triggerWorkflow(credential, ['inboundSms']));
		const blacklisted = sim.subscriptions.all[1];

		// RingCentral ends the first subscription early (the simulator has no admin call for that)
		expired.expiresAt = Date.now() - 1000;
		// n8n is down while three SMS arrive: the second subscription's deliveries fail and it is blacklisted
		await stopN8n(readState().pid);
		for (const text of ['lost 1', 'lost 2', 'lost 3']) await sim.receiveSms({ text });
		expect(blacklisted.status).toBe('Blacklisted');

		await n8n.restartN8n();
		const renewed = await waitFor('two new active subscriptions', () => {
			const active = sim.subscriptions.all.filter((s) => s.status === 'Active' && s !== expired);
			return active.length === 2 && active;
		});
		// the blacklisted one is cancelled rather than left counting towards the 30 per user
		expect(sim.subscriptions.all).not.toContain(blacklisted);
		expect(new Set(renewed.map((subscription) => subscription.address))).toEqual(
			new Set([expired.address, blacklisted.address]),
		);

		await sim.receiveSms({ from: '+14155550188', text: 'back online' });
		for (const workflowId of [expiring, blacklisting]) {
			expect(await triggeredItems(workflowId, 1)).toEqual([
				expect.objectContaining({
					eventType: 'inboundSms',
					fromE164: '+14155550188',
					text: 'back online',
				}),
			]);
		}
	});
});

describe('RingCentral Poll Trigger in an active workflow', () => {
	/** Polls only when activated (every n8n start) during the test: the schedule is once a year. */
	const pollWorkflow = (credential: Credential, parameters: IDataObject) =>
		chain(
			ringCentralNode('ringCentralPollTrigger', 'RingCentral Trigger', credential, {
				...parameters,
				pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 1 1 *' }] },
			}),
			done,
		);

	test('emits each new call, message and contact change exactly once across restarts', async () => {
		const { sim } = rig;
		sim.seed({ callLog: 2, messages: 2, contacts: 2 });
		const credential = await createJwtCredential(sim);
		const calls = await rig.activate(pollWorkflow(credential, { event: 'newCall' }));
		const messages = await rig.activate(
			pollWorkflow(credential, { event: 'newMessage', messageTypes: ['SMS'] }),
		);
		const contacts = await rig.activate(pollWorkflow(credential, { event: 'contactChanged' }));
		const [kept, removed] = sim.state.contacts;

		const answered = (await sim.makeCall({ from: '+14155550101', result: 'Answered' })).record;
		const missed = (await sim.makeCall({ from: '+14155550102', result: 'Missed' })).record;
		const inbound = (await sim.receiveSms({ from: '+14155550103', text: 'hi' })).record;
		const outbound = (await sim.sendSms({ to: '+14155550104', text: 'hello' })).record;
		const added = sim.changeContact({
			action: 'create',
			contact: { firstName: 'New', mobilePhone: '+14155550105' },
		});
		sim.changeContact({ action: 'update', id: kept.id, contact: { firstName: 'Renamed' } });
		sim.changeContact({ action: 'delete', id: removed.id });

		// the first activation only learned what existed
		expect(await n8n.listExecutions(calls)).toEqual([]);
		expect(await n8n.listExecutions(messages)).toEqual([]);
		expect(await n8n.listExecutions(contacts)).toEqual([]);

		await n8n.restartN8n();
		expect((await triggeredItems(calls, 1)).map((item) => item.id)).toEqual([
			answered.id,
			missed.id,
		]);
		expect((await triggeredItems(messages, 1)).map((item) => item.id)).toEqual(
			[inbound.id, outbound.id].map(String),
		);
		// in the order the changes were made
		expect(await triggeredItems(contacts, 1)).toEqual([
			expect.objectContaining({
				id: String(added.id),
				firstName: 'New',
				phoneE164: '+14155550105',
				deleted: false,
			}),
			expect.objectContaining({ id: String(kept.id), firstName: 'Renamed', deleted: false }),
			expect.objectContaining({ id: String(removed.id), deleted: true }),
		]);

		const later = (await sim.makeCall({ from: '+14155550106', result: 'Missed' })).record;
		const pollsBefore = requestsTo(sim, '/address-book-sync').length;
		await n8n.restartN8n();
		await waitFor(
			'the polls after the second restart',
			() => requestsTo(sim, '/address-book-sync').length > pollsBefore,
		);
		expect((await triggeredItems(calls, 2)).map((item) => item.id)).toEqual([
			answered.id,
			missed.id,
			later.id,
		]);
		await sleep(1500);
		expect(await n8n.listExecutions(calls)).toHaveLength(2);
		expect(await n8n.listExecutions(messages)).toHaveLength(1);
		expect(await n8n.listExecutions(contacts)).toHaveLength(1);
	});
});
