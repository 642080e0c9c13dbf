import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios, { type AxiosInstance } from 'axios';
import { startRingCentralSimulator, type RingCentralSimulator } from '../../simulators/ringcentral';

/** A webhook receiver on 127.0.0.1 that answers the handshake like the official sample (or misbehaves on purpose). */
class Receiver {
	mode: 'echo' | 'ignore-handshake' | 'fail' = 'echo';
	readonly handshakes: IncomingHttpHeaders[] = [];
	readonly notifications: Array<{ headers: IncomingHttpHeaders; body: Record<string, any> }> = [];
	private server!: Server;
	url = '';

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const validationToken = req.headers['validation-token'];
				if (validationToken) {
					this.handshakes.push(req.headers);
					if (this.mode === 'echo') res.setHeader('Validation-Token', validationToken);
					res.writeHead(200).end();
					return;
				}
				this.notifications.push({
					headers: req.headers,
					body: JSON.parse(Buffer.concat(chunks).toString()),
				});
				res.writeHead(this.mode === 'fail' ? 500 : 200).end();
			});
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
		return this;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections(); // the simulator's fetch keeps connections alive
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const EXT = '/restapi/v1.0/account/~/extension/~';

describe('RingCentral simulator', () => {
	let sim: RingCentralSimulator;
	let receiver: Receiver;
	let api: AxiosInstance;
	let basic: string;

	const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
	const token = (form: Record<string, string>) =>
		api.post('/restapi/oauth/token', new URLSearchParams(form).toString(), {
			headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
		});
	const subscribe = (
		accessToken: string,
		eventFilters: string[],
		extra: Record<string, unknown> = {},
	) =>
		api.post(
			'/restapi/v1.0/subscription',
			{
				eventFilters,
				deliveryMode: {
					transportType: 'WebHook',
					address: receiver.url,
					verificationToken: 'vt-secret',
				},
				...extra,
			},
			{ headers: bearer(accessToken) },
		);

	beforeAll(async () => {
		sim = await startRingCentralSimulator();
		api = axios.create({ baseURL: sim.url, validateStatus: () => true, maxRedirects: 0 });
		basic = `Basic ${Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString('base64')}`;
	});

	afterAll(async () => {
		await sim.close();
	});

	beforeEach(async () => {
		sim.server.reset();
		receiver = await new Receiver().start();
	});

	afterEach(async () => {
		await receiver.stop();
		expect(sim.server.violations).toEqual([]);
	});

	it('rejects a request that breaks the spec with CMN-101 and records the violation', async () => {
		const { access_token } = sim.issueTokens();
		const response = await api.get(`${EXT}/call-log`, {
			params: { perPage: 'lots' },
			headers: bearer(access_token),
		});
		expect(response.status).toBe(400);
		expect(response.data.errorCode).toBe('CMN-101');
		expect(response.data.errors[0]).toMatchObject({
			errorCode: 'CMN-101',
			parameterName: 'perPage',
		});
		expect(sim.server.violations).toHaveLength(1);
		expect(sim.server.violations[0].errors.join()).toContain('perPage');

		const missingText = await api.post(
			`${EXT}/sms`,
			{ from: { phoneNumber: '+16505550101' }, to: [] },
			{ headers: bearer(access_token) },
		);
		expect(missingText.status).toBe(400);
		expect(sim.server.violations[1].errors).toContain('body.text is required');
		sim.server.violations.length = 0;
	});

	it('exchanges an issued JWT, rotates single-use refresh tokens and rejects unknown JWTs', async () => {
		const first = await token({
			grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
			assertion: sim.issueJwt(),
		});
		expect(first.status).toBe(200);
		expect(first.data).toMatchObject({
			token_type: 'bearer',
			expires_in: 3600,
			owner_id: sim.state.owner.id,
		});

		const second = await token({
			grant_type: 'refresh_token',
			refresh_token: first.data.refresh_token,
		});
		expect(second.status).toBe(200);
		expect(second.data.refresh_token).not.toBe(first.data.refresh_token);

		const reused = await token({
			grant_type: 'refresh_token',
			refresh_token: first.data.refresh_token,
		});
		expect(reused.status).toBe(400);
		expect(reused.data).toMatchObject({
			error: 'invalid_grant',
			errors: [{ errorCode: 'OAU-211' }],
		});

		const oldAccess = await api.get(EXT, { headers: bearer(first.data.access_token) });
		expect(oldAccess.status).toBe(401);
		expect(oldAccess.data.errorCode).toBe('TokenInvalid');
		expect((await api.get(EXT, { headers: bearer(second.data.access_token) })).status).toBe(200);

		const unknown = await token({
			grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
			assertion: 'eyJ.not.issued',
		});
		expect(unknown.status).toBe(400);
		expect(unknown.data.error).toBe('invalid_grant');
		expect(sim.tokenGrants()).toMatchObject({ jwt_bearer: 1, refresh_token: 1, total: 2 });
	});

	it('expires access tokens after the configured lifetime with the TokenInvalid body', async () => {
		sim.configure({ accessTokenTtlSec: 1 });
		const granted = await token({
			grant_type: 'authorization_code',
			code: sim.authorizationCode(),
		});
		expect(granted.data.expires_in).toBe(1);
		expect((await api.get(EXT, { headers: bearer(granted.data.access_token) })).status).toBe(200);
		await sleep(1100);
		const expired = await api.get(EXT, { headers: bearer(granted.data.access_token) });
		expect(expired.status).toBe(401);
		expect(expired.data).toMatchObject({
			errorCode: 'TokenInvalid',
			message: 'Access token is expired',
		});
	});

	it('counts requests per group in headers, answers 429 + Retry-After past the limit and re-arms the penalty', async () => {
		sim.server.configure({ timeScale: 60 }); // the 60 s window lasts 1 s
		const { access_token } = sim.issueTokens();
		const callLog = () => api.get(`${EXT}/call-log`, { headers: bearer(access_token) });
		const remaining: string[] = [];
		for (let i = 0; i < 10; i++) {
			const response = await callLog();
			expect(response.status).toBe(200);
			expect(response.headers).toMatchObject({
				'x-rate-limit-group': 'heavy',
				'x-rate-limit-limit': '10',
				'x-rate-limit-window': '1',
			});
			remaining.push(response.headers['x-rate-limit-remaining']);
		}
		expect(remaining).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
		const light = await api.get(EXT, { headers: bearer(access_token) });
		expect(light.headers['x-rate-limit-group']).toBe('light');

		const refused = await callLog();
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBe('1');
		expect(refused.data).toEqual({
			errorCode: 'CMN-301',
			message: 'Request rate exceeded',
			errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }],
		});

		await sleep(700);
		expect((await callLog()).status).toBe(429); // inside the penalty: re-arms it
		await sleep(500); // past the first penalty, inside the re-armed one
		expect((await callLog()).status).toBe(429);
		await sleep(1100);
		expect((await callLog()).status).toBe(200);
	});

	it('pages the call log to the end through navigation.nextPage', async () => {
		sim.configure({ rateLimits: false });
		sim.seed({ callLog: 250 });
		const { access_token } = sim.issueTokens();
		const ids = new Set<string>();
		let url: string | undefined =
			`${sim.url}${EXT}/call-log?perPage=100&direction=Inbound&direction=Outbound`;
		let pages = 0;
		while (url) {
			const response: { data: any } = await api.get(url, { headers: bearer(access_token) });
			for (const record of response.data.records) ids.add(record.id);
			expect(response.data.paging).toMatchObject({
				perPage: 100,
				page: pages + 1,
				totalElements: 250,
				totalPages: 3,
			});
			url = response.data.navigation.nextPage?.uri;
			pages++;
		}
		expect(pages).toBe(3);
		expect(ids.size).toBe(250);
		const missed = await api.get(`${EXT}/call-log`, {
			params: { perPage: 'max' },
			headers: bearer(access_token),
		});
		const missedInState = sim.state.callLog.filter((r) => r.result === 'Missed').length;
		expect(missedInState).toBeGreaterThan(0);
		expect(missed.data.records.filter((r: any) => r.result === 'Missed')).toHaveLength(
			missedInState,
		);
	});

	it('creates a webhook subscription only after the Validation-Token handshake', async () => {
		const { access_token } = sim.issueTokens();
		const created = await subscribe(access_token, [`${EXT}/message-store/instant?type=SMS`], {
			expiresIn: 3600,
		});
		expect(created.status).toBe(200);
		expect(created.data).toMatchObject({
			status: 'Active',
			deliveryMode: { transportType: 'WebHook', address: receiver.url, encryption: false },
		});
		expect(receiver.handshakes).toHaveLength(1);
		const listed = await api.get('/restapi/v1.0/subscription', { headers: bearer(access_token) });
		expect(listed.data.records.map((s: any) => s.id)).toEqual([created.data.id]);

		receiver.mode = 'ignore-handshake';
		const refused = await subscribe(access_token, [`${EXT}/voicemail`]);
		expect(refused.status).toBe(400);
		expect(refused.data.errorCode).toBe('SUB-525');

		receiver.mode = 'echo';
		const misplacedExpiry = await api.post(
			'/restapi/v1.0/subscription',
			{
				eventFilters: [`${EXT}/voicemail`],
				deliveryMode: { transportType: 'WebHook', address: receiver.url, expiresIn: 315360000 },
			},
			{ headers: bearer(access_token) },
		);
		expect(misplacedExpiry.data.expiresIn).toBe(604800); // expiresIn inside deliveryMode is ignored: 7 days
		const noMissedCallsFilter = await subscribe(access_token, [`${EXT}/missed-calls`]);
		expect(noMissedCallsFilter.data.errorCode).toBe('SUB-508');
	});

	it('delivers an inbound SMS as instant and message-store notifications carrying the Verification-Token', async () => {
		const { access_token } = sim.issueTokens();
		const created = await subscribe(access_token, [
			`${EXT}/message-store/instant?type=SMS`,
			`${EXT}/message-store`,
		]);
		const { record, deliveries } = await sim.receiveSms({
			from: '+14155550199',
			text: 'Call me back',
		});
		expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
		const [instant, change] = receiver.notifications;
		expect(instant.headers['verification-token']).toBe('vt-secret');
		expect(instant.body).toMatchObject({
			event: `/restapi/v1.0/account/400131234008/extension/${sim.state.owner.id}/message-store/instant?type=SMS`,
			subscriptionId: created.data.id,
			ownerId: sim.state.owner.id,
			body: {
				id: String(record.id),
				subject: 'Call me back',
				direction: 'Inbound',
				messageStatus: 'Received',
				from: { phoneNumber: '+14155550199' },
			},
		});
		expect(change.body.body.changes).toEqual([
			{ type: 'SMS', newCount: 1, updatedCount: 0, newMessageIds: [record.id] },
		]);
		const fetched = await api.get(`${EXT}/message-store/${String(record.id)}`, {
			headers: bearer(access_token),
		});
		expect(fetched.data.subject).toBe('Call me back');

		const forged = await sim.deliver(created.data.id, {
			verificationToken: 'forged',
			copies: 2,
			concurrent: true,
		});
		expect(forged).toHaveLength(2);
		expect(forged[0].uuid).toBe(forged[1].uuid);
		expect(receiver.notifications.slice(2).map((n) => n.headers['verification-token'])).toEqual([
			'forged',
			'forged',
		]);
	});

	it('stops delivering once a subscription expires, and blacklists one whose receiver keeps failing', async () => {
		const { access_token } = sim.issueTokens();
		const shortLived = await subscribe(access_token, [`${EXT}/voicemail`], { expiresIn: 1 });
		await sleep(1100);
		expect(
			(
				await api.get(`/restapi/v1.0/subscription/${shortLived.data.id}`, {
					headers: bearer(access_token),
				})
			).status,
		).toBe(404);
		expect((await sim.leaveVoicemail({ from: '+14155550100' })).deliveries).toEqual([]);

		sim.configure({ blacklistAfterFailures: 2 });
		const failing = await subscribe(access_token, [`${EXT}/voicemail`]);
		receiver.mode = 'fail';
		await sim.leaveVoicemail({ from: '+14155550100' });
		await sim.leaveVoicemail({ from: '+14155550100' });
		const read = await api.get(`/restapi/v1.0/subscription/${failing.data.id}`, {
			headers: bearer(access_token),
		});
		expect(read.data.status).toBe('Blacklisted');
		expect(read.data.blacklistedData.reason).toContain('500');
		expect((await sim.leaveVoicemail({ from: '+14155550100' })).deliveries).toEqual([]);
	});

	it('publishes call events: every status of an answered call, only the disconnect of a missed one', async () => {
		const { access_token } = sim.issueTokens();
		await subscribe(access_token, [`${EXT}/telephony/sessions?direction=Inbound&missedCall=true`]);
		await subscribe(access_token, ['/restapi/v1.0/account/~/telephony/sessions']);

		const missed = await sim.makeCall({ from: '+14155550111', result: 'Missed' });
		const missedFilter = receiver.notifications.filter((n) =>
			n.body.event.includes('missedCall=true'),
		);
		expect(missedFilter).toHaveLength(1);
		expect(missedFilter[0].body.body.parties[0]).toMatchObject({
			missedCall: true,
			status: { code: 'Disconnected' },
			from: { phoneNumber: '+14155550111' },
		});
		expect(missed.record.result).toBe('Missed');

		receiver.notifications.length = 0;
		await sim.makeCall({ from: '+14155550112', result: 'Answered', recording: true });
		expect(receiver.notifications.map((n) => n.body.body.parties[0].status.code)).toEqual([
			'Proceeding',
			'Answered',
			'Disconnected',
		]);
		const log = await api.get(`${EXT}/call-log`, {
			params: { withRecording: true },
			headers: bearer(access_token),
		});
		expect(log.data.records).toHaveLength(1);
		expect(log.data.records[0].recording.contentUri).toContain('/content');
	});

	it('publishes voicemail, outbound SMS and directory events, and shows contact changes in address-book sync', async () => {
		const { access_token } = sim.issueTokens();
		await subscribe(access_token, [
			`${EXT}/voicemail`,
			`${EXT}/message-store?direction=Outbound`,
			'/restapi/v1.0/account/~/directory/entries',
		]);

		await sim.leaveVoicemail({ from: '+14155550120', transcription: 'Please call back' });
		const voicemail = receiver.notifications.find((n) => n.body.event.endsWith('/voicemail'))!;
		expect(voicemail.body.body.attachments.map((a: any) => a.type)).toEqual([
			'AudioRecording',
			'AudioTranscription',
		]);
		expect(voicemail.body.body.vmTranscriptionStatus).toBe('Completed');

		const sent = await api.post(
			`${EXT}/sms`,
			{
				from: { phoneNumber: '+16505550101' },
				to: [{ phoneNumber: '+14155550121' }],
				text: 'On my way',
			},
			{ headers: bearer(access_token) },
		);
		expect(sent.status).toBe(200);
		await sleep(100);
		const outbound = receiver.notifications.find((n) =>
			n.body.event.includes('direction=Outbound'),
		)!;
		expect(outbound.body.body.changes[0].newMessageIds).toEqual([sent.data.id]);
		const notSmsCapable = await api.post(
			`${EXT}/sms`,
			{ from: { phoneNumber: '+16505550100' }, to: [{ phoneNumber: '+14155550121' }], text: 'x' },
			{ headers: bearer(access_token) },
		);
		expect(notSmsCapable.data.errorCode).toBe('MSG-304');

		const { deliveries } = await sim.changeDirectory({
			action: 'create',
			entry: { firstName: 'Dana', lastName: 'New' },
		});
		expect(deliveries).toHaveLength(1);
		expect(receiver.notifications.at(-1)!.body.body).toMatchObject({
			eventType: 'Create',
			firstName: 'Dana',
		});

		const full = await api.get(`${EXT}/address-book-sync`, {
			params: { syncType: 'FSync' },
			headers: bearer(access_token),
		});
		const contact = sim.changeContact({
			action: 'create',
			contact: { firstName: 'Erin', mobilePhone: '+14155550122' },
		});
		const incremental = await api.get(`${EXT}/address-book-sync`, {
			params: { syncType: 'ISync', syncToken: full.data.syncInfo.syncToken },
			headers: bearer(access_token),
		});
		expect(incremental.data.records.map((c: any) => c.id)).toEqual([contact.id]);
	});
});
