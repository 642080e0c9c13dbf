import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SimulatorServer, type RecordedRequest, type SimRequest, type SimResponse, type Violation } from '../common/http';
import { FixedWindowLimiter, type WindowState } from '../common/rate-limit';
import { SPECS_DIR, SpecValidator, type SpecMatch } from '../common/spec-validator';
import { ALL_SCOPES, DEFAULT_CLIENT, HighLevelAuth, unprocessable, type OAuthClient } from './auth';
import { operations, type OperationContext } from './operations';
import { searchBodyErrors } from './search';
import {
	DEFAULT_COMPANY_ID,
	DEFAULT_LOCATION_ID,
	generatedContact,
	HighLevelStore,
	newId,
	type Contact,
	type Location,
} from './store';

export { ALL_SCOPES, DEFAULT_CLIENT, DEFAULT_COMPANY_ID, DEFAULT_LOCATION_ID };

/** Burst and daily limits per app per location (docs/oauth/Authorization.md). */
const BURST = { limit: 100, windowMs: 10_000 };
const DAILY = { limit: 200_000, windowMs: 86_400_000 };

/** Which spec file owns a path, by its first segment. */
const SPEC_FILES: Record<string, string> = {
	contacts: 'contacts.json',
	oauth: 'oauth.json',
	calendars: 'calendars.json',
	locations: 'locations.json',
	users: 'users.json',
	conversations: 'conversations.json',
};

/**
 * Where contacts.json contradicts its own documentation. `dateOfBirth` of the create, update and upsert bodies is
 * typed `object`, yet its description lists only string formats ("YYYY/MM/DD, MM/DD/YYYY, YYYY-MM-DD, ..."), its
 * example is the string "1990-09-25", and the contact it returns types it `string`: the API takes a string.
 */
const dateOfBirth = {
	type: 'string',
	nullable: true,
	description: 'erratum: the spec says object; its description, example and the response schema say string',
};
const SPEC_ERRATA: Record<string, Record<string, unknown>> = {
	contacts: Object.fromEntries(
		['CreateContactDto', 'UpdateContactDto', 'UpsertContactDto'].map((dto) => [
			`/components/schemas/${dto}/properties/dateOfBirth`,
			dateOfBirth,
		]),
	),
	conversations: {
		'/paths/~1conversations~1search/get/parameters/8/schema': {
			description: 'erratum: startAfterDate is typed "any", no JSON Schema type; its anyOf allows a number or a list',
		},
		// a conversation that has no message yet has no last message to describe
		'/components/schemas/ConversationSchema/required': [
			'id',
			'contactId',
			'locationId',
			'type',
			'unreadCount',
			'fullName',
			'contactName',
			'email',
			'phone',
		],
	},
};

export interface HighLevelSimulatorOptions {
	port?: number;
	/** locations created at start and after every reset; default one location with id DEFAULT_LOCATION_ID */
	locations?: Array<Partial<Location> & { id: string }>;
	clients?: OAuthClient[];
	accessTokenTtlSeconds?: number;
	/** false switches rate limiting off */
	rateLimit?: boolean;
	timeScale?: number;
}

export interface TokenRequest {
	locationId?: string;
	scopes?: string[];
	clientId?: string;
	/** 'private-integration' issues a static token without refresh token or expiry */
	kind?: 'oauth' | 'private-integration';
}

export interface SeedRequest {
	locationId?: string;
	name?: string;
	companyId?: string;
	allowDuplicateContact?: boolean;
	duplicatePriority?: Array<'email' | 'phone'>;
	/** a count of generated contacts, or contacts to create as given */
	contacts?: number | Array<Partial<Contact>>;
}

export interface HighLevelSimulator {
	url: string;
	port: number;
	close(): Promise<void>;
	store: HighLevelStore;
	auth: HighLevelAuth;
	requests: RecordedRequest[];
	violations: Violation[];
	server: SimulatorServer;
	/** access/refresh pair as POST /oauth/token returns it (or `{access_token}` for a Private Integration) */
	issueToken(request?: TokenRequest): Record<string, unknown>;
	createAuthorizationCode(request?: TokenRequest & { redirectUri?: string }): string;
	seed(request: SeedRequest): { locationId: string; contactIds: string[] };
	configure(body: Record<string, unknown>): Record<string, unknown>;
	reset(): void;
}

export async function startHighLevelSimulator(options: HighLevelSimulatorOptions = {}): Promise<HighLevelSimulator> {
	const specs = new Map<string, SpecValidator>();
	for (const [segment, file] of Object.entries(SPEC_FILES)) {
		specs.set(
			segment,
			await SpecValidator.load(join(SPECS_DIR, 'highlevel', 'apps', file), SPEC_ERRATA[segment]),
		);
	}
	const store = new HighLevelStore();
	const auth = new HighLevelAuth();
	let rateLimitEnabled = options.rateLimit ?? true;

	const initialState = () => {
		rateLimitEnabled = options.rateLimit ?? true;
		if (options.timeScale) server.clock.scale = options.timeScale;
		store.clear();
		auth.reset();
		for (const client of options.clients ?? []) auth.clients.set(client.clientId, client);
		if (options.accessTokenTtlSeconds !== undefined) auth.accessTokenTtlSeconds = options.accessTokenTtlSeconds;
		for (const location of options.locations ?? [{ id: DEFAULT_LOCATION_ID }]) store.addLocation(location);
		burst.reset();
		daily.reset();
	};

	const grantFor = (request: TokenRequest = {}) => {
		const location = store.locations.get(request.locationId ?? firstLocationId());
		if (!location) throw new Error(`unknown location ${request.locationId}`);
		const user = [...store.users.values()].find((u) => u.locationIds.includes(location.id));
		return {
			clientId: request.clientId ?? DEFAULT_CLIENT.clientId,
			locationId: location.id,
			companyId: location.companyId,
			userId: user?.id ?? newId(),
			scopes: request.scopes ?? ALL_SCOPES,
		};
	};
	const firstLocationId = () => store.locations.keys().next().value ?? DEFAULT_LOCATION_ID;

	const issueToken = (request: TokenRequest = {}) => {
		const grant = grantFor(request);
		if (request.kind === 'private-integration') {
			return { access_token: auth.issuePrivateIntegrationToken(grant), locationId: grant.locationId, scope: grant.scopes.join(' ') };
		}
		return auth.issue(grant);
	};
	const createAuthorizationCode = (request: TokenRequest & { redirectUri?: string } = {}) =>
		auth.createCode(grantFor(request), request.redirectUri);

	const seed = (request: SeedRequest) => {
		const locationId = request.locationId ?? firstLocationId();
		const existing = store.locations.get(locationId);
		const { contacts, locationId: _id, ...settings } = request;
		const location = store.addLocation({ ...existing, ...settings, id: locationId });
		const base = Date.parse('2024-01-01T00:00:00.000Z');
		const offset = store.contactsOf(locationId).length;
		const created: Contact[] =
			typeof contacts === 'number'
				? Array.from({ length: contacts }, (_, i) =>
						generatedContact(locationId, offset + i, new Date(base + (offset + i) * 1000)),
					)
				: (contacts ?? []).map((input, i) => ({
						...generatedContact(locationId, offset + i, new Date(base + (offset + i) * 1000)),
						...input,
						locationId,
					}));
		for (const contact of created) store.contacts.set(contact.id, contact);
		store.version++;
		return { locationId: location.id, contactIds: created.map((c) => c.id) };
	};

	const limitHeaders = (window: WindowState, day: WindowState, remaining = window.remaining): Record<string, number> => ({
		'X-RateLimit-Limit-Daily': day.limit,
		'X-RateLimit-Daily-Remaining': day.remaining,
		'X-RateLimit-Interval-Milliseconds': Math.round(window.windowMs),
		'X-RateLimit-Max': window.limit,
		'X-RateLimit-Remaining': remaining,
	});
	const rateKey = (request: SimRequest) => {
		const token = auth.lookup((request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
		return token ? `${token.clientId}|${token.locationId}` : 'unauthenticated';
	};

	/** A server without limits sends no rate-limit headers at all. */
	const rateHeaders = (key: string): { limited: boolean; headers: Record<string, number> } => {
		if (!rateLimitEnabled) return { limited: false, headers: {} };
		const window = burst.take(key);
		const day = window.allowed ? daily.take(key) : daily.peek(key);
		return { limited: !window.allowed || !day.allowed, headers: limitHeaders(window, day) };
	};

	/** A real 429 carries the rate-limit headers with nothing remaining, so an injected one does too. */
	const refusedHeaders = (request: SimRequest): Record<string, number> => {
		const key = rateKey(request);
		return limitHeaders(burst.peek(key), daily.peek(key), 0);
	};

	const handle = (request: SimRequest): SimResponse => {
		if (request.method === 'GET' && /^(\/v2)?\/oauth\/chooselocation\/?$/.test(request.path)) {
			return chooseLocation(request);
		}
		const spec = specs.get(request.path.split('/')[1]);
		const match = spec?.match(request.method, request.path, request.query, request.headers, request.body);
		if (!spec || !match) {
			server.addViolation(request.method, request.path, ['no such operation in the HighLevel spec']);
			return error(404, `Cannot ${request.method} ${request.path}`, 'Not Found');
		}
		const errors = [...match.errors];
		if (request.bodyError) errors.push(request.bodyError);
		if (match.operationId === 'search-contacts-advanced' && !request.bodyError) {
			errors.push(...searchBodyErrors(request.body));
		}
		if (errors.length) server.addViolation(request.method, request.path, errors);

		const token = auth.lookup((request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
		const rate = rateHeaders(rateKey(request));
		const respond = (response: SimResponse) => finish(spec, match, response, rate.headers, request);
		if (rate.limited) return respond(tooManyRequests());

		const versionError = errors.find((e) => e.startsWith('header.version'));
		if (versionError) {
			return respond(error(400, request.headers.version ? 'Version header is invalid' : 'Version header was not found'));
		}
		if (match.operationId === 'get-access-token') {
			if (errors.length) return respond({ status: 422, body: unprocessable(errors) });
			const result = auth.exchange(request.body as Record<string, string>);
			return respond({ status: result.ok ? 200 : result.status, body: result.body });
		}
		if (!token) return respond(error(401, 'Invalid token: access token is invalid', 'Unauthorized'));
		if (token.expiresAt <= Date.now()) return respond(error(401, 'Invalid JWT', 'Unauthorized'));
		const allowed =
			match.security.length === 0 ||
			match.security.some((requirement) =>
				Object.values(requirement).every((scopes) => scopes.every((scope) => token.scopes.includes(scope))),
			);
		if (!allowed) return respond(error(401, 'The token is not authorized for this scope.', 'Unauthorized'));
		const body = (request.body ?? {}) as Record<string, any>;
		const named = [match.query.locationId, body.locationId, match.pathParams.locationId].filter((v) => v !== undefined);
		if (named.some((locationId) => locationId !== token.locationId)) {
			return respond(error(403, 'The token does not have access to this location.', 'Forbidden'));
		}
		if (errors.length) return respond({ status: 422, body: unprocessable(errors) });

		const operation = operations[match.operationId];
		if (!operation) {
			server.addViolation(request.method, request.path, [`${match.operationId} is in the spec but not simulated`]);
			return respond(error(501, `${match.operationId} is not simulated`));
		}
		const context: OperationContext = {
			store,
			request,
			pathParams: match.pathParams,
			query: match.query,
			body,
			token,
			location: store.locations.get(token.locationId)!,
		};
		const response = operation(context);
		if (request.method !== 'GET' && match.operationId !== 'search-contacts-advanced') store.version++;
		if (response.status === 422) {
			server.addViolation(request.method, request.path, (response.body as { message: string[] }).message);
		}
		return respond(response);
	};

	/** traceId and rate-limit headers on every response; our own answers are checked against the spec too. */
	const finish = (
		spec: SpecValidator,
		match: SpecMatch,
		response: SimResponse,
		headers: Record<string, number>,
		request: SimRequest,
	): SimResponse => {
		if (response.status < 300) {
			const problems = spec.validateResponse(match.operationId, response.status, response.body);
			if (problems.length) server.addViolation(request.method, request.path, problems.map((p) => `simulator ${p}`));
		}
		const traceId = randomUUID();
		const body =
			response.body && typeof response.body === 'object' && !Array.isArray(response.body)
				? { ...response.body, traceId }
				: response.body;
		return { ...response, body, headers: { ...headers, ...response.headers } };
	};

	/** Marketplace consent page: consents at once and redirects with ?code= (and the caller's state). */
	const chooseLocation = (request: SimRequest): SimResponse => {
		const query = request.query as Record<string, string>;
		if (query.response_type !== 'code' || !auth.clients.has(query.client_id) || !query.redirect_uri) {
			return error(400, 'response_type=code, a known client_id and redirect_uri are required');
		}
		const code = createAuthorizationCode({
			clientId: query.client_id,
			locationId: query.locationId,
			scopes: query.scope ? query.scope.split(/[\s+]+/).filter(Boolean) : ALL_SCOPES,
			redirectUri: query.redirect_uri,
		});
		const target = new URL(query.redirect_uri);
		target.searchParams.set('code', code);
		if (query.state) target.searchParams.set('state', query.state);
		return { status: 302, headers: { location: target.toString() } };
	};

	const server = new SimulatorServer({
		handle,
		faultResponse: (status, request) =>
			status === 429 ? { ...tooManyRequests(), headers: refusedHeaders(request) } : error(status, statusText(status)),
		reset: initialState,
		configure: (body) => {
			if (body.accessTokenTtlSeconds !== undefined) auth.accessTokenTtlSeconds = Number(body.accessTokenTtlSeconds);
			if (body.rateLimit !== undefined) rateLimitEnabled = Boolean(body.rateLimit);
			return { accessTokenTtlSeconds: auth.accessTokenTtlSeconds, rateLimit: rateLimitEnabled };
		},
		admin: {
			'POST seed': (request) => seed(request.body as SeedRequest),
			'POST tokens': (request) => issueToken(request.body as TokenRequest),
			'POST oauth/code': (request) => ({ code: createAuthorizationCode(request.body as TokenRequest) }),
			'POST clients': (request) => {
				const client = request.body as OAuthClient;
				auth.clients.set(client.clientId, client);
				return client;
			},
			'GET state': () => ({
				locations: [...store.locations.values()],
				contacts: [...store.contacts.values()].map((c) => ({ ...c })),
				tasks: [...store.tasks.values()],
				notes: [...store.notes.values()],
				appointments: [...store.appointments.values()],
				customFields: [...store.customFields.values()],
				users: [...store.users.values()],
				calendars: [...store.calendars.values()],
				conversations: [...store.conversations.values()],
				messages: [...store.messages.values()],
				refreshCount: auth.refreshCount,
			}),
		},
	});
	const burst = new FixedWindowLimiter(BURST.limit, BURST.windowMs, server.clock);
	const daily = new FixedWindowLimiter(DAILY.limit, DAILY.windowMs, server.clock);
	initialState();
	const running = await server.listen(options.port ?? 0);

	return {
		...running,
		store,
		auth,
		requests: server.requests,
		violations: server.violations,
		server,
		issueToken,
		createAuthorizationCode,
		seed,
		configure: (body) => server.configure(body),
		reset: () => server.reset(),
	};
}

function error(status: number, message: string, errorName?: string): SimResponse {
	return { status, body: { statusCode: status, message, ...(errorName ? { error: errorName } : {}) } };
}

/** HighLevel documents no 429 body; this is the NestJS throttler's default, the framework behind the API. */
function tooManyRequests(): SimResponse {
	return error(429, 'Too Many Requests');
}

function statusText(status: number): string {
	return { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }[status] ?? 'Error';
}
