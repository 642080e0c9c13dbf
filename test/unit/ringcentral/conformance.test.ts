import axios from 'axios';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { RingCentralJwtApi } from '../../../credentials/RingCentralJwtApi.credentials';
import { RingCentral } from '../../../nodes/RingCentral/RingCentral.node';
import { startRingCentralSimulator, type RingCentralSimulator } from '../../simulators/ringcentral';
import { fakeExecute, useInstantClock } from './support';

// Every request the node builds goes, through the fake context, to the RingCentral simulator, which checks it
// against the vendor's OpenAPI file. A test passes only if no request broke the contract.

useInstantClock();

let sim: RingCentralSimulator;
let accessToken: string;

beforeAll(async () => {
	sim = await startRingCentralSimulator();
	// Pacing is the transport's unit tests' business; here the fake clock would outrun the simulator's real one
	sim.limiter.enabled = false;
	sim.seed({ callLog: 30, messages: 12, contacts: 5 });
	accessToken = sim.issueTokens().access_token;
});
afterAll(async () => await sim.close());
afterEach(() => expect(sim.server.violations).toEqual([]));

/** What n8n does with IHttpRequestOptions, reduced to what the transport uses. */
async function send(options: IHttpRequestOptions, headers: Record<string, string> = {}) {
	const response = await axios.request({
		method: options.method,
		url: options.url,
		params: options.qs,
		paramsSerializer: { indexes: null }, // arrayFormat 'repeat'
		data: options.body,
		auth: options.auth,
		headers: { ...((options.headers ?? {}) as Record<string, string>), ...headers },
		validateStatus: (status) => status !== 401,
	});
	return { statusCode: response.status, headers: response.headers, body: response.data };
}

async function runNode(parameters: IDataObject): Promise<IDataObject[]> {
	const fake = fakeExecute({ parameters, credentials: { apiUrl: sim.url } });
	fake.httpRequestWithAuthentication.mockImplementation(
		async (_type: string, options: IHttpRequestOptions) =>
			await send(options, { Authorization: `Bearer ${accessToken}` }),
	);
	const [items] = await new RingCentral().execute.call(fake.context as IExecuteFunctions);
	return items.map((item) => item.json);
}

describe('requests conform to the RingCentral OpenAPI spec', () => {
	it('call log: every page of the extension log, missed only, then one record', async () => {
		const all = await runNode({
			resource: 'callLog',
			operation: 'getAll',
			scope: 'extension',
			extensionId: '~',
			returnAll: true,
			filters: {
				dateFrom: new Date(Date.now() - 86_400_000).toISOString(),
				direction: ['Inbound', 'Outbound'],
				type: ['Voice'],
			},
			options: { view: 'Detailed' },
		});
		expect(all.length).toBeGreaterThan(0);

		const missed = await runNode({
			resource: 'callLog',
			operation: 'getAll',
			scope: 'account',
			returnAll: false,
			limit: 3,
			filters: { missedOnly: true, withRecording: false },
			options: {},
		});
		expect(missed.every((record) => record.result === 'Missed')).toBe(true);

		const [one] = await runNode({
			resource: 'callLog',
			operation: 'get',
			scope: 'extension',
			extensionId: '~',
			callRecordId: String(all[0].id),
			options: {},
		});
		expect(one.id).toBe(all[0].id);
	});

	it('messages: list, get, and send an SMS from an SMS-capable number', async () => {
		const messages = await runNode({
			resource: 'message',
			operation: 'getAll',
			extensionId: '~',
			returnAll: false,
			limit: 5,
			filters: { messageType: ['SMS'], direction: ['Inbound', 'Outbound'] },
			options: {},
		});
		expect(messages.length).toBeGreaterThan(0);

		const [message] = await runNode({
			resource: 'message',
			operation: 'get',
			extensionId: '~',
			messageId: String(messages[0].id),
			options: {},
		});
		expect(message.id).toBe(messages[0].id);

		const [sent] = await runNode({
			resource: 'message',
			operation: 'sendSms',
			extensionId: '~',
			from: '+16505550101',
			to: '+1 (415) 555-0199',
			text: 'Thanks for calling!',
			options: {},
		});
		expect(sent).toMatchObject({ direction: 'Outbound', toE164: ['+14155550199'] });
	});

	it('contacts: update changes only the given fields (PATCH)', async () => {
		const [created] = await runNode({
			resource: 'contact',
			operation: 'create',
			extensionId: '~',
			fields: { firstName: 'Alan', email: 'alan@example.com' },
			options: {},
		});
		const [updated] = await runNode({
			resource: 'contact',
			operation: 'update',
			extensionId: '~',
			contactId: String(created.id),
			updateFields: { company: 'Bletchley' },
			options: {},
		});
		expect(updated).toMatchObject({
			firstName: 'Alan',
			email: 'alan@example.com',
			company: 'Bletchley',
		});
	});

	it('contacts: create, get, list and delete', async () => {
		const [created] = await runNode({
			resource: 'contact',
			operation: 'create',
			extensionId: '~',
			fields: {
				firstName: 'Grace',
				lastName: 'Hopper',
				mobilePhone: '+1 415 555 0142',
				email: 'grace@example.com',
			},
			options: {},
		});
		const contactId = String(created.id);

		const [fetched] = await runNode({
			resource: 'contact',
			operation: 'get',
			extensionId: '~',
			contactId,
		});
		expect(fetched).toMatchObject({ firstName: 'Grace', mobilePhone: '+14155550142' });

		const listed = await runNode({
			resource: 'contact',
			operation: 'getAll',
			extensionId: '~',
			returnAll: true,
			filters: { startsWith: 'Gr' },
			options: { sortBy: 'LastName' },
		});
		expect(listed.map((contact) => String(contact.id))).toContain(contactId);

		const [deleted] = await runNode({
			resource: 'contact',
			operation: 'delete',
			extensionId: '~',
			contactId,
		});
		expect(deleted).toEqual({ id: contactId, deleted: true });
	});
});

describe('JWT credential against the simulated token endpoint', () => {
	const helpers = {
		helpers: { httpRequest: async (options: IHttpRequestOptions) => (await send(options)).body },
	} as unknown as IHttpRequestHelper;
	const credentials = () => ({
		apiUrl: sim.url,
		clientId: sim.clientId,
		clientSecret: sim.clientSecret,
		jwtToken: sim.issueJwt(),
		accessToken: '',
	});

	it('gets an access token that the API accepts', async () => {
		const { accessToken: token } = await new RingCentralJwtApi().preAuthentication.call(
			helpers,
			credentials(),
		);
		const extension = await send(
			{ method: 'GET', url: `${sim.url}/restapi/v1.0/account/~/extension/~` },
			{ Authorization: `Bearer ${token as string}` },
		);
		expect(extension.statusCode).toBe(200);
	});

	it('reports a wrong client secret without leaking it or the JWT', async () => {
		const wrong = { ...credentials(), clientSecret: 'wrong-secret' };
		const failing = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					const response = await send(options);
					if (response.statusCode >= 400)
						throw Object.assign(new Error('failed'), {
							response: { status: response.statusCode, data: response.body },
						});
					return response.body;
				},
			},
		} as unknown as IHttpRequestHelper;
		const error = (await new RingCentralJwtApi().preAuthentication
			.call(failing, wrong)
			.catch((e: unknown) => e)) as Error;
		expect(error.message).toMatch(/^RingCentral refused the app's Client ID or Client Secret: /);
		expect(error.message).not.toContain('wrong-secret');
		expect(error.message).not.toContain(wrong.jwtToken);
	});
});
