import {
	NodeApiError,
	type IDataObject,
	type INode,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { ringCentralApiRequest } from '../../../nodes/RingCentral/transport';
import { RingCentralTrigger } from '../../../nodes/RingCentralTrigger/RingCentralTrigger.node';
import { MAX_LIFETIME_SECONDS } from '../../../nodes/RingCentralTrigger/subscription';
import { hookContext, webhookContext, WEBHOOK_URL } from './triggerFakes';

jest.mock('../../../nodes/RingCentral/transport', () => ({
	ringCentralApiRequest: jest.fn(),
	ringCentralApiRequestAllItems: jest.fn(),
}));
const request = jest.mocked(ringCentralApiRequest);

const trigger = new RingCentralTrigger();
const hooks = trigger.webhookMethods.default;
const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

const apiError = (status: number) =>
	new NodeApiError({ name: 'RingCentral Trigger' } as INode, {}, { httpCode: String(status) });

const ALL_EVENTS = [
	'inboundCall',
	'outboundCall',
	'callEnded',
	'missedCall',
	'inboundSms',
	'outboundSms',
	'voicemail',
	'directoryChanged',
];

beforeEach(() => {
	request.mockReset();
	jest.useFakeTimers().setSystemTime(NOW);
});
afterEach(() => jest.useRealTimers());

describe('create', () => {
	it('subscribes with expiresIn at the top level, the filters of the events and a random token', async () => {
		const staticData: IDataObject = {};
		request.mockResolvedValue({
			id: 'sub-1',
			expirationTime: new Date(NOW + MAX_LIFETIME_SECONDS * 1000).toISOString(),
			expiresIn: MAX_LIFETIME_SECONDS,
			status: 'Active',
		});

		await hooks.create.call(hookContext({ events: ALL_EVENTS }, staticData));

		expect(request).toHaveBeenCalledTimes(1);
		const [method, endpoint, body] = request.mock.calls[0];
		expect([method, endpoint]).toEqual(['POST', '/restapi/v1.0/subscription']);
		const { deliveryMode, eventFilters, expiresIn } = body as IDataObject & {
			deliveryMode: IDataObject;
		};
		expect(expiresIn).toBe(315360000);
		expect(deliveryMode).toEqual({
			transportType: 'WebHook',
			address: WEBHOOK_URL,
			verificationToken: expect.stringMatching(/^[0-9a-f]{64}$/),
		});
		expect(eventFilters).toEqual(
			[
				'/restapi/v1.0/account/~/extension/~/telephony/sessions',
				'/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
				'/restapi/v1.0/account/~/extension/~/message-store?type=SMS&direction=Outbound',
				'/restapi/v1.0/account/~/extension/~/voicemail',
				'/restapi/v1.0/account/~/directory/entries',
			].sort(),
		);
		expect(staticData).toMatchObject({
			subscriptionId: 'sub-1',
			verificationToken: deliveryMode.verificationToken,
			expirationTime: new Date(NOW + MAX_LIFETIME_SECONDS * 1000).toISOString(),
		});
	});

	it('uses a new token each time and the account-wide filter for account calls', async () => {
		request.mockResolvedValue({ id: 'sub-1', expirationTime: '2036-01-01T00:00:00.000Z' });
		const first: IDataObject = {};
		const second: IDataObject = {};
		await hooks.create.call(hookContext({ events: ['missedCall'], callScope: 'account' }, first));
		await hooks.create.call(hookContext({ events: ['missedCall'], callScope: 'account' }, second));

		expect((request.mock.calls[0][2] as IDataObject).eventFilters).toEqual([
			'/restapi/v1.0/account/~/telephony/sessions',
		]);
		expect(first.verificationToken).not.toEqual(second.verificationToken);
	});

	it('cancels the subscription it replaces before creating a new one', async () => {
		const staticData: IDataObject = { subscriptionId: 'old', verificationToken: 'old-token' };
		request
			.mockRejectedValueOnce(apiError(404))
			.mockResolvedValueOnce({ id: 'new', expirationTime: 'x' });

		await hooks.create.call(hookContext({ events: ['voicemail'] }, staticData));

		expect(request.mock.calls.map(([method, endpoint]) => `${method} ${endpoint}`)).toEqual([
			'DELETE /restapi/v1.0/subscription/old',
			'POST /restapi/v1.0/subscription',
		]);
		expect(staticData.subscriptionId).toBe('new');
		expect(staticData.verificationToken).not.toBe('old-token');
	});
});

describe('checkExists', () => {
	const events = ['inboundCall', 'voicemail'];
	// RingCentral reports the filters with the real account and extension ids
	const healthy = {
		id: 'sub-1',
		status: 'Active',
		expirationTime: new Date(NOW + 300 * DAY).toISOString(),
		deliveryMode: { transportType: 'WebHook', address: WEBHOOK_URL },
		eventFilters: [
			'/restapi/v1.0/account/37439510/extension/37439511/telephony/sessions',
			'/restapi/v1.0/account/37439510/extension/37439511/voicemail',
		],
	};
	const check = async (
		subscription: IDataObject | Error,
		staticData: IDataObject = { subscriptionId: 'sub-1' },
	) => {
		if (subscription instanceof Error) request.mockRejectedValueOnce(subscription);
		else request.mockResolvedValueOnce(subscription);
		return await hooks.checkExists.call(hookContext({ events }, staticData));
	};

	it('is false without a stored subscription, asking nothing', async () => {
		expect(await hooks.checkExists.call(hookContext({ events }, {}))).toBe(false);
		expect(request).not.toHaveBeenCalled();
	});

	it('keeps an active subscription delivering the wanted filters here', async () => {
		expect(await check(healthy)).toBe(true);
		expect(request).toHaveBeenCalledWith('GET', '/restapi/v1.0/subscription/sub-1');
	});

	it.each([
		['blacklisted', { status: 'Blacklisted' }],
		['suspended', { status: 'Suspended' }],
		['expired', { expirationTime: new Date(NOW - DAY).toISOString() }],
		['expiring within the margin', { expirationTime: new Date(NOW + DAY / 2).toISOString() }],
		[
			'delivering elsewhere',
			{ deliveryMode: { transportType: 'WebHook', address: 'https://old.example.com/x' } },
		],
		['with other filters', { eventFilters: ['/restapi/v1.0/account/1/extension/2/voicemail'] }],
	])('treats a subscription %s as absent', async (_, change) => {
		expect(await check({ ...healthy, ...change })).toBe(false);
	});

	it('treats a missing (404) subscription as absent and forgets it', async () => {
		const staticData: IDataObject = { subscriptionId: 'sub-1', verificationToken: 't' };
		expect(await check(apiError(404), staticData)).toBe(false);
		expect(staticData.subscriptionId).toBeUndefined();
		expect(staticData.verificationToken).toBeUndefined();
	});

	it('lets other errors through', async () => {
		await expect(check(apiError(500))).rejects.toThrow();
	});
});

describe('delete', () => {
	it('cancels the subscription and clears what was stored', async () => {
		const staticData: IDataObject = {
			subscriptionId: 'sub-1',
			verificationToken: 't',
			expirationTime: 'x',
			recentDeliveries: ['u1'],
		};
		request.mockResolvedValueOnce({});
		expect(await hooks.delete.call(hookContext({}, staticData))).toBe(true);
		expect(request).toHaveBeenCalledWith('DELETE', '/restapi/v1.0/subscription/sub-1');
		expect(staticData).toEqual({});
	});

	it('tolerates a subscription that is already gone', async () => {
		const staticData: IDataObject = { subscriptionId: 'sub-1' };
		request.mockRejectedValueOnce(apiError(404));
		expect(await hooks.delete.call(hookContext({}, staticData))).toBe(true);
		expect(staticData.subscriptionId).toBeUndefined();
	});

	it('fails on other errors, keeping the id for the next attempt', async () => {
		const staticData: IDataObject = { subscriptionId: 'sub-1' };
		request.mockRejectedValueOnce(apiError(503));
		await expect(hooks.delete.call(hookContext({}, staticData))).rejects.toThrow();
		expect(staticData.subscriptionId).toBe('sub-1');
	});
});

describe('webhook', () => {
	const TOKEN = 'a'.repeat(64);
	const freshState = (): IDataObject => ({
		subscriptionId: 'sub-1',
		verificationToken: TOKEN,
		expirationTime: new Date(NOW + 3000 * DAY).toISOString(),
		lifetimeSeconds: MAX_LIFETIME_SECONDS,
	});
	let uuid = 0;
	// the trigger also remembers deliveries and calls in this process, per workflow and node:
	// a workflow of its own keeps each test apart from the others
	let workflow = 0;
	beforeEach(() => workflow++);
	const deliver = async (
		body: IDataObject,
		options: {
			events?: string[];
			state?: IDataObject;
			headers?: IDataObject;
			workflowId?: string;
		} = {},
	) => {
		const call = webhookContext(
			{ events: options.events ?? ALL_EVENTS },
			options.state ?? freshState(),
			{
				headers: options.headers ?? { 'verification-token': TOKEN },
				body: { uuid: `uuid-${++uuid}`, ...body },
			},
			options.workflowId ?? `workflow-${workflow}`,
		);
		const result: IWebhookResponseData = await trigger.webhook.call(call.context);
		const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
		return { ...call, result, items };
	};

	it('answers the validation handshake by echoing its token, without running the workflow', async () => {
		const { result, response } = await deliver(
			{},
			{ headers: { 'validation-token': 'vt-123' }, state: {} },
		);
		expect(response.setHeader).toHaveBeenCalledWith('Validation-Token', 'vt-123');
		expect(response.status).toHaveBeenCalledWith(200);
		expect(response.end).toHaveBeenCalled();
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it.each([
		['missing', {}],
		['wrong', { 'verification-token': 'b'.repeat(64) }],
		['shorter', { 'verification-token': 'a' }],
	])('rejects a delivery whose Verification-Token is %s', async (_, headers) => {
		const { result, response } = await deliver(
			{ event: '/restapi/v1.0/account/1/extension/2/voicemail', body: { id: 1 } },
			{ headers },
		);
		expect(response.status).toHaveBeenCalledWith(401);
		expect(result.workflowData).toBeUndefined();
		expect(request).not.toHaveBeenCalled();
	});

	describe('repeated deliveries', () => {
		const HOURS_LATER = NOW + 2 * 60 * 60 * 1000;
		const voicemail = {
			uuid: 'same',
			event: '/restapi/v1.0/account/1/extension/2/voicemail',
			body: { id: 7, type: 'VoiceMail', from: { phoneNumber: '+14155550100' } },
		};
		const outboundSms = {
			uuid: 'same',
			event: '/restapi/v1.0/account/1/extension/2/message-store',
			body: { changes: [{ type: 'SMS', newMessageIds: [11] }] },
		};
		const sentMessage = { id: '11', type: 'SMS', direction: 'Outbound', subject: 'hi' };
		// what n8n does between two deliveries: save static data as JSON, load a fresh copy
		const reloaded = (state: IDataObject) => JSON.parse(JSON.stringify(state)) as IDataObject;

		it('answers 200 itself before the run, so that n8n saves what was remembered', async () => {
			const state = freshState();
			const { result, response, items } = await deliver(voicemail, { state });
			expect(response.status).toHaveBeenCalledWith(200);
			expect(response.end).toHaveBeenCalled();
			expect(result.noWebhookResponse).toBe(true);
			expect(items).toHaveLength(1);
			expect(state.recentDeliveries).toEqual(['same']);
		});

		it('drops a repeated delivery of the same uuid', async () => {
			const state = freshState();
			expect((await deliver(voicemail, { state })).items).toHaveLength(1);
			const repeat = await deliver(voicemail, { state: reloaded(state) });
			expect(repeat.result).toEqual({});
			expect(repeat.response.status).not.toHaveBeenCalled();
		});

		it('drops a copy handled at the same moment, whose static data knows nothing of the first', async () => {
			request.mockResolvedValue(sentMessage);
			const results = await Promise.all([
				deliver(outboundSms, { state: freshState() }),
				deliver(outboundSms, { state: freshState() }),
			]);
			expect(results.map(({ items }) => items.length)).toEqual([1, 0]);
			expect(results[1].result).toEqual({});
			expect(request).toHaveBeenCalledTimes(1);
		});

		it('still drops a repeat from static data once this process has forgotten it', async () => {
			const state = freshState();
			await deliver(voicemail, { state });
			jest.setSystemTime(HOURS_LATER);
			expect((await deliver(voicemail, { state: reloaded(state) })).result).toEqual({});
			// without static data, the forgotten uuid runs again: static data is what dropped it
			expect((await deliver(voicemail, { state: freshState() })).items).toHaveLength(1);
		});

		it('keeps the deliveries of different workflows apart', async () => {
			const first = await deliver(voicemail, { workflowId: 'workflow-a' });
			const second = await deliver(voicemail, { workflowId: 'workflow-b' });
			expect([first.items.length, second.items.length]).toEqual([1, 1]);
		});

		it('runs a redelivery of a delivery that failed', async () => {
			const state = freshState();
			request.mockRejectedValueOnce(apiError(503)).mockResolvedValueOnce(sentMessage);
			await expect(deliver(outboundSms, { state })).rejects.toThrow();
			expect(state.recentDeliveries).toBeUndefined();
			expect((await deliver(outboundSms, { state })).items).toEqual([
				expect.objectContaining({ eventType: 'outboundSms', id: '11' }),
			]);
		});
	});

	describe('calls', () => {
		const SESSION = '/restapi/v1.0/account/1/extension/2/telephony/sessions';
		const party = (code: string, direction: string, extra: IDataObject = {}) => ({
			id: 'p-1',
			extensionId: '2',
			direction,
			from: { phoneNumber: '+1 (415) 555-0100', name: 'Caller' },
			to: { phoneNumber: '+14155550199', name: 'Me' },
			status: { code },
			...extra,
		});
		const session = (eventTime: string, parties: IDataObject[]) => ({
			event: SESSION,
			body: { telephonySessionId: 'ts-1', sessionId: 's-1', eventTime, parties },
		});

		it('announces an answered inbound call once and ends it with its duration', async () => {
			const state = freshState();
			const ringing = await deliver(session('2026-03-01T12:00:00Z', [party('Setup', 'Inbound')]), {
				state,
			});
			const again = await deliver(
				session('2026-03-01T12:00:01Z', [party('Proceeding', 'Inbound')]),
				{ state },
			);
			const answered = await deliver(
				session('2026-03-01T12:00:05Z', [party('Answered', 'Inbound')]),
				{ state },
			);
			const ended = await deliver(
				session('2026-03-01T12:01:35Z', [party('Disconnected', 'Inbound')]),
				{ state },
			);

			expect(ringing.items).toEqual([
				expect.objectContaining({
					eventType: 'inboundCall',
					direction: 'Inbound',
					fromE164: '+14155550100',
					fromName: 'Caller',
					toE164: '+14155550199',
					result: 'Ringing',
					telephonySessionId: 'ts-1',
					partyId: 'p-1',
				}),
			]);
			expect(ringing.items[0].raw).toEqual(expect.objectContaining({ telephonySessionId: 'ts-1' }));
			expect(again.items).toEqual([]);
			expect(answered.items).toEqual([]);
			expect(ended.items).toEqual([
				expect.objectContaining({
					eventType: 'callEnded',
					result: 'Answered',
					answered: true,
					missed: false,
					duration: 95,
					startTime: '2026-03-01T12:00:00Z',
					endTime: '2026-03-01T12:01:35Z',
				}),
			]);
		});

		it('reports an inbound call that ends unanswered as ended and missed', async () => {
			const state = freshState();
			await deliver(session('2026-03-01T12:00:00Z', [party('Proceeding', 'Inbound')]), { state });
			const ended = await deliver(
				session('2026-03-01T12:00:20Z', [party('Disconnected', 'Inbound', { missedCall: true })]),
				{ state },
			);
			expect(ended.items.map((item) => [item.eventType, item.result, item.duration])).toEqual([
				['callEnded', 'Missed', 20],
				['missedCall', 'Missed', 20],
			]);
		});

		it('relies on its own memory of the answer when RingCentral omits missedCall', async () => {
			const state = freshState();
			await deliver(session('2026-03-01T12:00:00Z', [party('Proceeding', 'Inbound')]), { state });
			const ended = await deliver(
				session('2026-03-01T12:00:09Z', [party('Disconnected', 'Inbound')]),
				{
					state,
				},
			);
			expect(ended.items.map((item) => item.eventType)).toEqual(['callEnded', 'missedCall']);
		});

		it('never calls an unanswered outbound call missed', async () => {
			const state = freshState();
			const dialing = await deliver(session('2026-03-01T12:00:00Z', [party('Setup', 'Outbound')]), {
				state,
			});
			const ended = await deliver(
				session('2026-03-01T12:00:30Z', [party('Disconnected', 'Outbound')]),
				{
					state,
				},
			);
			expect(dialing.items.map((item) => item.eventType)).toEqual(['outboundCall']);
			expect(ended.items.map((item) => [item.eventType, item.result])).toEqual([
				['callEnded', 'Not Answered'],
			]);
		});

		it('runs nothing for call events that were not selected', async () => {
			const state = freshState();
			const ringing = await deliver(session('2026-03-01T12:00:00Z', [party('Setup', 'Inbound')]), {
				state,
				events: ['missedCall'],
			});
			const ended = await deliver(
				session('2026-03-01T12:00:40Z', [party('Disconnected', 'Inbound')]),
				{
					state,
					events: ['missedCall'],
				},
			);
			expect(ringing.result).toEqual({});
			expect(ended.items.map((item) => item.eventType)).toEqual(['missedCall']);
		});

		it('announces a call once when two of its statuses are handled at the same moment', async () => {
			// each with its own copy of static data, as n8n loads it for each delivery
			const setup = await deliver(session('2026-03-01T12:00:00Z', [party('Setup', 'Inbound')]));
			const proceeding = await deliver(
				session('2026-03-01T12:00:00Z', [party('Proceeding', 'Inbound')]),
			);
			const ended = await deliver(
				session('2026-03-01T12:00:30Z', [party('Disconnected', 'Inbound')]),
			);
			expect(setup.items.map((item) => item.eventType)).toEqual(['inboundCall']);
			expect(proceeding.items).toEqual([]);
			expect(ended.items.map((item) => [item.eventType, item.duration])).toEqual([
				['callEnded', 30],
				['missedCall', 30],
			]);
		});

		it('follows a call from static data once this process has forgotten it', async () => {
			const state = freshState();
			await deliver(session('2026-03-01T12:00:00Z', [party('Setup', 'Inbound')]), { state });
			await deliver(session('2026-03-01T12:00:05Z', [party('Answered', 'Inbound')]), { state });
			jest.setSystemTime(NOW + 2 * 60 * 60 * 1000);
			const ended = await deliver(
				session('2026-03-01T14:00:00Z', [party('Disconnected', 'Inbound')]),
				{ state: JSON.parse(JSON.stringify(state)) as IDataObject },
			);
			expect(ended.items).toEqual([
				expect.objectContaining({ eventType: 'callEnded', result: 'Answered', duration: 7200 }),
			]);
		});
	});

	describe('messages and directory', () => {
		it('emits an inbound SMS from the instant notification', async () => {
			const { items } = await deliver({
				event: '/restapi/v1.0/account/1/extension/2/message-store/instant?type=SMS',
				body: {
					id: '99',
					type: 'SMS',
					direction: 'Inbound',
					subject: 'Hello',
					from: { phoneNumber: '+14155550100' },
					to: [{ phoneNumber: '+14155550199' }],
					messageStatus: 'Received',
				},
			});
			expect(items).toEqual([
				expect.objectContaining({
					eventType: 'inboundSms',
					id: '99',
					text: 'Hello',
					fromE164: '+14155550100',
					toE164: ['+14155550199'],
				}),
			]);
		});

		it('reads each new message of a message-store notification and keeps the outbound SMS', async () => {
			request.mockImplementation(async (_method, endpoint) => {
				const id = String(endpoint).split('/').pop();
				return {
					id,
					type: 'SMS',
					direction: id === '11' ? 'Outbound' : 'Inbound',
					subject: `text ${id}`,
					from: { phoneNumber: '+14155550199' },
					to: [{ phoneNumber: '+14155550100' }],
				};
			});
			const { items } = await deliver({
				event: '/restapi/v1.0/account/1/extension/2/message-store?type=SMS&direction=Outbound',
				body: {
					changes: [
						{ type: 'SMS', newCount: 2, newMessageIds: [11, 12] },
						{ type: 'Fax', newMessageIds: [13] },
					],
				},
			});
			expect(request.mock.calls.map(([method, endpoint]) => `${method} ${endpoint}`)).toEqual([
				'GET /restapi/v1.0/account/~/extension/~/message-store/11',
				'GET /restapi/v1.0/account/~/extension/~/message-store/12',
			]);
			expect(items).toEqual([
				expect.objectContaining({ eventType: 'outboundSms', id: '11', text: 'text 11' }),
			]);
		});

		it('does not read messages when outbound SMS was not selected', async () => {
			const { result } = await deliver(
				{
					event: '/restapi/v1.0/account/1/extension/2/message-store',
					body: { changes: [{ type: 'SMS', newMessageIds: [11] }] },
				},
				{ events: ['inboundSms'] },
			);
			expect(result).toEqual({});
			expect(request).not.toHaveBeenCalled();
		});

		it('emits a voicemail and a directory change', async () => {
			const voicemail = await deliver({
				event: '/restapi/v1.0/account/1/extension/2/voicemail',
				body: {
					id: 5,
					type: 'VoiceMail',
					from: { phoneNumber: '+14155550100' },
					vmTranscriptionStatus: 'Completed',
				},
			});
			const directory = await deliver({
				event: '/restapi/v1.0/account/1/directory/entries',
				body: {
					id: '22',
					eventType: 'Update',
					firstName: 'Ann',
					phoneNumbers: [{ phoneNumber: '+14155550123' }],
				},
			});
			expect(voicemail.items).toEqual([
				expect.objectContaining({
					eventType: 'voicemail',
					id: '5',
					fromE164: '+14155550100',
					vmTranscriptionStatus: 'Completed',
				}),
			]);
			expect(directory.items).toEqual([
				expect.objectContaining({
					eventType: 'directoryChanged',
					id: '22',
					changeType: 'Update',
					firstName: 'Ann',
					phoneNumbersE164: ['+14155550123'],
				}),
			]);
		});
	});

	describe('renewal', () => {
		const voicemail = {
			event: '/restapi/v1.0/account/1/extension/2/voicemail',
			body: { id: 5, type: 'VoiceMail' },
		};

		it('renews with the maximum lifetime once less than half of the granted one is left', async () => {
			const state = {
				...freshState(),
				expirationTime: new Date(NOW + 3 * DAY).toISOString(),
				lifetimeSeconds: 604800,
			};
			const renewedUntil = new Date(NOW + MAX_LIFETIME_SECONDS * 1000).toISOString();
			request.mockResolvedValueOnce({
				id: 'sub-1',
				expirationTime: renewedUntil,
				expiresIn: MAX_LIFETIME_SECONDS,
			});

			const { items } = await deliver(voicemail, { state, events: ['voicemail'] });

			expect(request).toHaveBeenCalledWith('PUT', '/restapi/v1.0/subscription/sub-1', {
				eventFilters: ['/restapi/v1.0/account/~/extension/~/voicemail'],
				expiresIn: MAX_LIFETIME_SECONDS,
			});
			expect(state.expirationTime).toBe(renewedUntil);
			expect(items).toHaveLength(1);
		});

		it('does not renew a subscription with most of its lifetime left', async () => {
			await deliver(voicemail, { events: ['voicemail'] });
			expect(request).not.toHaveBeenCalled();
		});

		it('still emits the delivery when the renewal fails, and says so', async () => {
			const state = {
				...freshState(),
				expirationTime: new Date(NOW + DAY).toISOString(),
				lifetimeSeconds: 604800,
			};
			request.mockRejectedValueOnce(apiError(503));
			const { items, warn } = await deliver(voicemail, { state, events: ['voicemail'] });
			expect(items).toHaveLength(1);
			expect(warn).toHaveBeenCalled();
		});
	});
});
