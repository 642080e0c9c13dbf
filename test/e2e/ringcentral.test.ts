/** The RingCentral nodes inside a real n8n against the RingCentral simulator: the action node with a JWT credential,
 * the webhook trigger's subscription lifecycle and the poll trigger. Every request must validate against the spec. */
import type { IDataObject } from 'n8n-workflow';

import { n8n } from './harness/n8n';
import { readState, stopN8n } from './harness/n8n-process';
import {
	chain,
	createJwtCredential,
	done,
	loadOptions,
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
