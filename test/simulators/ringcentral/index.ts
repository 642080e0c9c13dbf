import { resolve } from 'node:path';
import { SimulatorServer, type SimRequest, type SimResponse } from '../common/http';
import { SPECS_DIR, SpecValidator } from '../common/spec-validator';
import { apiError, invalidParameter, rateLimited } from './errors';
import {
	Events,
	type CallOptions,
	type ContactChange,
	type DirectoryChange,
	type SmsOptions,
	type VoicemailOptions,
} from './events';
import { isError, OAuthServer, type TokenInfo } from './oauth';
import { RateLimiter, type ThrottlingGroup } from './rate-limit';
import { apiRoutes } from './routes';
import { ACCOUNT_ID, RingCentralState } from './state';
import { Subscriptions, type Delivery, type DeliveryOptions } from './subscriptions';
import { callRecordView, messageView } from './views';

/**
 * An in-memory RingCentral platform API for one account (see README.md): every request is validated against the
 * vendor's OpenAPI file, authenticated, rate limited per user and API group, then served from RingCentralState.
 */

export const RC_SPEC_FILE = resolve(SPECS_DIR, 'ringcentral/rc-public-openapi.yml');

export interface RingCentralSimulatorOptions {
	port?: number;
	clientId?: string;
	clientSecret?: string;
	specFile?: string;
}

export interface SeedRequest {
	/** call-log records for the first extension, newest first, spread over the last `spanHours` (default 23) */
	callLog?: number;
	/** SMS messages (alternating inbound/outbound) */
	messages?: number;
	/** personal address-book contacts */
	contacts?: number;
	spanHours?: number;
	extensionId?: string;
}

type Json = Record<string, unknown>;

export class RingCentralSimulator {
	readonly server: SimulatorServer;
	readonly state = new RingCentralState();
	readonly oauth: OAuthServer;
	readonly subscriptions = new Subscriptions();
	readonly limiter: RateLimiter;
	readonly events: Events;
	url = '';
	private closeServer: () => Promise<void> = async () => {};
	private readonly routes: ReturnType<typeof apiRoutes>;

	constructor(
		private readonly spec: SpecValidator,
		options: RingCentralSimulatorOptions,
	) {
		this.oauth = new OAuthServer(
			{
				clientId: options.clientId ?? 'rc-sim-client-id',
				clientSecret: options.clientSecret ?? 'rc-sim-client-secret',
			},
			this.state.owner.id,
		);
		this.server = new SimulatorServer({
			handle: (request) => this.handle(request),
			faultResponse: (status, request) =>
				status === 429
					? this.injectedRateLimit(request)
					: apiError(status, 'CMN-201', 'Service Temporary Unavailable'),
			reset: () => this.resetState(),
			admin: this.adminRoutes(),
			configure: (body) => this.configure(body),
		});
		this.limiter = new RateLimiter(this.server.clock);
		this.events = new Events(this.state, this.subscriptions, () => this.url);
		this.routes = apiRoutes({
			state: this.state,
			oauth: this.oauth,
			subscriptions: this.subscriptions,
			events: this.events,
			baseUrl: () => this.url,
		});
	}

	async listen(port = 0): Promise<this> {
		const running = await this.server.listen(port);
		this.url = running.url;
		this.closeServer = running.close;
		return this;
	}

	async close(): Promise<void> {
		await this.closeServer();
	}

	get clientId(): string {
		return this.oauth.client.clientId;
	}

	get clientSecret(): string {
		return this.oauth.client.clientSecret;
	}

	/** A JWT credential for the JWT-bearer grant (the Developer Console's "create JWT"). */
	issueJwt(extensionId?: string): string {
		return this.oauth.issueJwt(extensionId);
	}

	/** An authorization code, as if the user had consented at /restapi/oauth/authorize. */
	authorizationCode(extensionId?: string, redirectUri?: string): string {
		return this.oauth.issueCode(extensionId, redirectUri);
	}

	issueTokens(extensionId?: string, accessTokenTtlSec?: number): TokenInfo {
		return this.oauth.issueTokens(extensionId, accessTokenTtlSec);
	}

	/** Token grants served by /restapi/oauth/token, per grant type and in total. */
	tokenGrants(): Record<string, number> {
		const grants = this.oauth.grants;
		return {
			...grants,
			total: grants.authorization_code + grants.refresh_token + grants.jwt_bearer,
		};
	}

	// Events: each resolves once every matching webhook has been called.

	async makeCall(options: CallOptions = {}) {
		const { record, delivered } = this.events.makeCall(options);
		return { record: callRecordView(record, this.url), deliveries: await delivered };
	}

	async sendSms(options: SmsOptions) {
		const { record, delivered } = this.events.sendSms(options);
		return { record: messageView(record, this.url), deliveries: await delivered };
	}

	async receiveSms(options: SmsOptions) {
		const { record, delivered } = this.events.receiveSms(options);
		return { record: messageView(record, this.url), deliveries: await delivered };
	}

	async leaveVoicemail(options: VoicemailOptions) {
		const { record, delivered } = this.events.leaveVoicemail(options);
		return { record: messageView(record, this.url), deliveries: await delivered };
	}

	changeContact(change: ContactChange) {
		return this.events.changeContact(change);
	}

	async changeDirectory(change: DirectoryChange) {
		const { record, delivered } = this.events.changeDirectory(change);
		return { record, deliveries: await delivered };
	}

	/** A raw notification to one subscription: duplicated, concurrent or forged deliveries for the trigger's tests. */
	async deliver(
		subscriptionId: string,
		options: DeliveryOptions & { event?: string; body?: Json } = {},
	): Promise<Delivery[]> {
		const subscription = this.subscriptions.all.find((s) => s.id === subscriptionId);
		if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
		const event = options.event ?? subscription.eventFilters[0];
		return await this.subscriptions.deliver(subscription, event, options.body ?? {}, options);
	}

	seed(request: SeedRequest): Record<string, number> {
		const spanMs = (request.spanHours ?? 23) * 3600 * 1000;
		const spread = (i: number, count: number) =>
			new Date(Date.now() - ((i + 1) * spanMs) / (count + 1)).toISOString();
		const calls = request.callLog ?? 0;
		for (let i = 0; i < calls; i++) {
			this.events.addCallRecord({
				extensionId: request.extensionId,
				direction: i % 3 === 2 ? 'Outbound' : 'Inbound',
				result: i % 5 === 4 ? 'Missed' : 'Answered',
				from: `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`,
				to: `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`,
				durationSec: 30 + (i % 300),
				startTime: spread(i, calls),
			});
		}
		const messages = request.messages ?? 0;
		for (let i = 0; i < messages; i++) {
			const options = {
				extensionId: request.extensionId,
				text: `Seeded message ${i + 1}`,
				creationTime: spread(i, messages),
			};
			const external = `+1415556${String(1000 + (i % 9000)).padStart(4, '0')}`;
			const extension = request.extensionId
				? this.state.extension(request.extensionId)
				: this.state.owner;
			const own = extension!.phoneNumbers[0].phoneNumber;
			this.events.addMessage({
				extensionId: extension!.id,
				type: 'SMS',
				direction: i % 2 ? 'Outbound' : 'Inbound',
				from: { phoneNumber: i % 2 ? own : external },
				to: [{ phoneNumber: i % 2 ? external : own }],
				subject: options.text,
				messageStatus: i % 2 ? 'Delivered' : 'Received',
				creationTime: options.creationTime,
			});
		}
		for (let i = 0; i < (request.contacts ?? 0); i++) {
			this.events.changeContact({
				action: 'create',
				extensionId: request.extensionId,
				contact: {
					firstName: `Seed${i + 1}`,
					lastName: 'Contact',
					email: `seed${i + 1}@example.com`,
					mobilePhone: `+1415557${String(1000 + (i % 9000)).padStart(4, '0')}`,
				},
			});
		}
		return {
			callLog: this.state.callLog.length,
			messages: this.state.messages.length,
			contacts: this.state.contacts.length,
		};
	}

	configure(body: Json): Json {
		const {
			accessTokenTtlSec,
			rateLimits,
			requireHttps,
			blacklistAfterFailures,
			duplicateDeliveries,
			handshakeTimeoutMs,
		} = body;
		if (accessTokenTtlSec !== undefined)
			this.oauth.accessTokenTtlSec =
				accessTokenTtlSec === null ? undefined : Number(accessTokenTtlSec);
		if (typeof rateLimits === 'boolean') this.limiter.enabled = rateLimits;
		else if (rateLimits && typeof rateLimits === 'object')
			Object.assign(this.limiter.limits, rateLimits);
		const settings = this.subscriptions.settings;
		if (typeof requireHttps === 'boolean') settings.requireHttps = requireHttps;
		if (blacklistAfterFailures !== undefined)
			settings.blacklistAfterFailures = Number(blacklistAfterFailures);
		if (typeof duplicateDeliveries === 'boolean')
			settings.duplicateDeliveries = duplicateDeliveries;
		if (handshakeTimeoutMs !== undefined) settings.handshakeTimeoutMs = Number(handshakeTimeoutMs);
		return {
			accessTokenTtlSec: this.oauth.accessTokenTtlSec ?? null,
			rateLimits: this.limiter.enabled ? this.limiter.limits : false,
			...settings,
		};
	}

	snapshot(): Json {
		return {
			accountId: ACCOUNT_ID,
			extensions: this.state.extensions,
			callLog: this.state.callLog,
			messages: this.state.messages,
			contacts: this.state.contacts,
			directory: this.state.directory,
			subscriptions: this.subscriptions.all,
			deliveries: this.subscriptions.deliveries,
			tokenGrants: this.tokenGrants(),
		};
	}

	private async handle(request: SimRequest): Promise<SimResponse> {
		const match = this.spec.match(
			request.method,
			request.path,
			request.query,
			request.headers,
			request.body,
		);
		if (!match) {
			this.server.addViolation(request.method, request.path, [
				'no operation of the spec matches this method and path',
			]);
			return apiError(404, 'AGW-404', 'Resource not found');
		}
		const errors = request.bodyError ? [request.bodyError, ...match.errors] : match.errors;
		if (errors.length > 0) {
			this.server.addViolation(request.method, request.path, errors);
			return invalidParameter(
				errors[0].split(' ')[0].replace(/^(query|path|header|body)\.?/, '') || 'body',
				errors.join('; '),
			);
		}
		const group = this.spec.operation(match.operationId)?.['x-throttling-group'] as
			ThrottlingGroup | 'NoThrottling' | undefined;
		let ownerId = '';
		let user = this.clientIdOf(request);
		if (group !== 'Auth') {
			const auth = this.oauth.authenticate(request.headers.authorization);
			if (isError(auth)) return auth;
			ownerId = user = auth.extensionId;
		}
		const decision =
			group && group !== 'NoThrottling' ? this.limiter.take(user, group) : { headers: {} };
		if (decision.retryAfterSec !== undefined) {
			const refused = rateLimited(decision.retryAfterSec);
			return { ...refused, headers: { ...decision.headers, ...refused.headers } };
		}
		const route = this.routes[match.operationId as keyof typeof this.routes];
		const response: SimResponse = route
			? await route({ request, query: match.query, params: match.pathParams, ownerId })
			: apiError(501, 'SIM-501', `The simulator does not implement ${match.operationId}`);
		if (response.body !== undefined) {
			// a reply that breaks the contract is the simulator's bug; record it so a test notices
			const responseErrors = this.spec.validateResponse(
				match.operationId,
				response.status,
				response.body,
			);
			if (responseErrors.length > 0)
				this.server.addViolation(request.method, request.path, responseErrors);
		}
		return { ...response, headers: { ...decision.headers, ...response.headers } };
	}

	/** Auth-group limits apply per app: the client id of the Basic header (or the query, for /authorize). */
	private clientIdOf(request: SimRequest): string {
		const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
		if (scheme?.toLowerCase() === 'basic')
			return Buffer.from(encoded ?? '', 'base64')
				.toString()
				.split(':')[0];
		return String(request.query.client_id ?? 'anonymous');
	}

	private penaltySec(): number {
		return Math.max(1, Math.ceil(this.server.clock.scaled(60_000) / 1000));
	}

	/** An injected 429 looks like a real one: Retry-After and the group's X-Rate-Limit-* with nothing remaining. */
	private injectedRateLimit(request: SimRequest): SimResponse {
		const match = this.spec.match(request.method, request.path, request.query, request.headers, request.body);
		const group = match && (this.spec.operation(match.operationId)?.['x-throttling-group'] as string | undefined);
		const refused = rateLimited(this.penaltySec());
		if (group !== 'Light' && group !== 'Medium' && group !== 'Heavy' && group !== 'Auth') return refused;
		return { ...refused, headers: { ...this.limiter.refusedHeaders(group), ...refused.headers } };
	}

	private resetState(): void {
		this.state.reset();
		this.subscriptions.reset();
		this.limiter.reset();
		this.oauth.reset();
	}

	private adminRoutes(): Record<string, (request: SimRequest) => unknown> {
		const body = (request: SimRequest) => (request.body ?? {}) as Json;
		// Admin handlers answer synchronously: events report what they stored; deliveries go on in the background
		// and are listed by GET /__admin/deliveries.
		const background = (delivered: Promise<Delivery[]>) => void delivered.catch(() => undefined);
		return {
			'POST seed': (request) => this.seed(body(request) as SeedRequest),
			'GET state': () => this.snapshot(),
			'POST tokens': (request) =>
				this.issueTokens(
					body(request).extensionId as string | undefined,
					body(request).accessTokenTtlSec as number | undefined,
				),
			'POST jwt': (request) => ({
				jwt: this.issueJwt(body(request).extensionId as string | undefined),
			}),
			'POST authorize': (request) => {
				const { extensionId, redirectUri } = body(request) as {
					extensionId?: string;
					redirectUri?: string;
				};
				return {
					code: this.authorizationCode(extensionId, redirectUri),
					expiresIn: this.oauth.codeTtlSec,
				};
			},
			'GET grants': () => this.tokenGrants(),
			'GET deliveries': () => this.subscriptions.deliveries,
			'POST events/call': (request) => {
				const { record, delivered } = this.events.makeCall(body(request) as CallOptions);
				background(delivered);
				return callRecordView(record, this.url);
			},
			'POST events/sms-in': (request) => {
				const { record, delivered } = this.events.receiveSms(
					body(request) as unknown as SmsOptions,
				);
				background(delivered);
				return messageView(record, this.url);
			},
			'POST events/sms-out': (request) => {
				const { record, delivered } = this.events.sendSms(body(request) as unknown as SmsOptions);
				background(delivered);
				return messageView(record, this.url);
			},
			'POST events/voicemail': (request) => {
				const { record, delivered } = this.events.leaveVoicemail(
					body(request) as unknown as VoicemailOptions,
				);
				background(delivered);
				return messageView(record, this.url);
			},
			'POST events/contact': (request) =>
				this.changeContact(body(request) as unknown as ContactChange),
			'POST events/directory': (request) => {
				const { record, delivered } = this.events.changeDirectory(
					body(request) as unknown as DirectoryChange,
				);
				background(delivered);
				return record;
			},
			'POST deliver': (request) => {
				const { subscriptionId, ...options } = body(request) as unknown as DeliveryOptions & {
					subscriptionId: string;
					event?: string;
					body?: Json;
				};
				background(this.deliver(subscriptionId, options));
				return { queued: options.copies ?? 1 };
			},
		};
	}
}

export async function startRingCentralSimulator(
	options: RingCentralSimulatorOptions = {},
): Promise<RingCentralSimulator> {
	const spec = await SpecValidator.load(options.specFile ?? RC_SPEC_FILE);
	return await new RingCentralSimulator(spec, options).listen(options.port);
}
