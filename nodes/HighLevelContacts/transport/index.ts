import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { AttemptResult, RateLimitReading, ResilientResult } from '../../shared/resilience';
import { httpErrorResponse, ResilienceError, sendWithResilience } from '../../shared/resilience';
import { oncePerRun } from '../../shared/perRun';
import { retryOptions } from '../../shared/requestOptions';

export type HighLevelContext = IExecuteFunctions | ILoadOptionsFunctions;

/** `Version` header of each HighLevel API family (the spec declares exactly one value per endpoint). */
export const API_VERSION = {
	contacts: '2021-07-28',
	calendars: '2021-04-15',
	conversations: '2021-04-15',
} as const;

export interface HighLevelRequestOptions {
	body?: IDataObject;
	qs?: IDataObject;
	version?: (typeof API_VERSION)[keyof typeof API_VERSION];
	/** Scope the request needs beyond contacts.readonly; OAuth2 credentials lacking it fail before sending. */
	scope?: string;
	/** True when sending twice is harmless; GET and DELETE always are. */
	idempotent?: boolean;
}

/** Builds an endpoint path, URL-encoding every interpolated id: `path\`/contacts/${id}/notes\``. */
export function path(strings: TemplateStringsArray, ...ids: string[]): string {
	return strings.reduce((built, part, index) => built + encodeURIComponent(ids[index - 1]) + part);
}

interface HighLevelConnection {
	credentialType: string;
	serverUrl: string;
	locationId: string;
	companyId?: string;
	/** Scopes the token carries; undefined for Private Integration tokens, which HighLevel checks itself. */
	grantedScopes?: string[];
}

const SCOPE_LABELS: Record<string, string> = {
	'contacts.write': 'the Access Level "Read & Write"',
	'conversations.readonly': 'the Additional Scope "Conversations: Read"',
	'conversations.write': 'the Additional Scope "Conversations: Write"',
	'conversations/message.readonly': 'the Additional Scope "Conversation Messages: Read"',
	'conversations/message.write': 'the Additional Scope "Conversation Messages: Write"',
	'locations/customFields.readonly': 'the Additional Scope "Custom Fields: Read"',
	'users.readonly': 'the Additional Scope "Users: Read"',
};

/** Reads a node-wide parameter; load-options contexts have no item index. */
function nodeParameter(ctx: HighLevelContext, name: string, fallback: unknown): unknown {
	return 'getInputData' in ctx
		? ctx.getNodeParameter(name, 0, fallback)
		: ctx.getNodeParameter(name, fallback);
}

export async function getConnection(this: HighLevelContext): Promise<HighLevelConnection> {
	return await oncePerRun(this, 'connection', async () => await readConnection(this));
}

async function readConnection(ctx: HighLevelContext): Promise<HighLevelConnection> {
	if (nodeParameter(ctx, 'authentication', 'oAuth2') === 'privateIntegration') {
		const credentials = await ctx.getCredentials('highLevelPrivateIntegrationApi');
		return {
			credentialType: 'highLevelPrivateIntegrationApi',
			serverUrl: String(credentials.apiUrl),
			locationId: String(credentials.locationId ?? ''),
		};
	}
	const credentials = await ctx.getCredentials('highLevelContactsOAuth2Api');
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	const scope = String(token.scope ?? credentials.scope ?? '');
	return {
		credentialType: 'highLevelContactsOAuth2Api',
		serverUrl: String(credentials.apiUrl),
		locationId: String(token.locationId ?? ''),
		companyId: token.companyId as string | undefined,
		grantedScopes: scope.split(/[\s,]+/).filter(Boolean),
	};
}

function missingScopeMessage(scope: string): string {
	const where = SCOPE_LABELS[scope] ?? `the scope "${scope}"`;
	return `This operation needs the HighLevel scope "${scope}", which the credential was not granted: select ${where} in the credential and reconnect it`;
}

function checkScopes(
	ctx: HighLevelContext,
	connection: HighLevelConnection,
	scopes: string[],
): void {
	// undefined for Private Integration tokens, which HighLevel checks itself
	const granted = connection.grantedScopes;
	const missing = granted && scopes.find((scope) => !granted.includes(scope));
	if (missing) throw new NodeOperationError(ctx.getNode(), missingScopeMessage(missing));
}

/** Fails, before any request, when an OAuth2 credential lacks one of the scopes an operation will need. */
export async function requireScopes(this: HighLevelContext, scopes: string[]): Promise<void> {
	checkScopes(this, await getConnection.call(this), scopes);
}

/** HighLevel's burst and daily budgets, per app and location, from its X-RateLimit-* response headers. */
export function readHighLevelRateLimit(headers: IDataObject): RateLimitReading {
	const number = (name: string) => {
		const value = Number(headers[name]);
		return headers[name] === undefined || Number.isNaN(value) ? undefined : value;
	};
	return {
		limit: number('x-ratelimit-max'),
		remaining: number('x-ratelimit-remaining'),
		windowMs: number('x-ratelimit-interval-milliseconds'),
		dailyRemaining: number('x-ratelimit-daily-remaining'),
	};
}

function lowerCaseKeys(headers: unknown): IDataObject {
	return Object.fromEntries(
		Object.entries((headers ?? {}) as IDataObject).map(([name, value]) => [
			name.toLowerCase(),
			value,
		]),
	);
}

/**
 * n8n's words for an OAuth2 refresh refused with invalid_grant: 2.40 throws "The credential ... needs to be
 * reconnected"; 2.8 keeps only the message of client-oauth2's AuthError, RFC 6749's description of invalid_grant.
 */
const REFUSED_REFRESH = /needs to be reconnected|refresh token is invalid, expired, revoked/i;

function isRefusedRefresh(error: unknown): boolean {
	for (
		let current = error as IDataObject | undefined;
		current;
		current = current.cause as IDataObject
	) {
		const body = current.body as IDataObject | undefined;
		if (body?.error === 'invalid_grant' || REFUSED_REFRESH.test(String(current.message ?? ''))) {
			return true;
		}
	}
	return false;
}

function apiMessage(body: unknown): string | undefined {
	const message = (body as IDataObject | undefined)?.message;
	if (Array.isArray(message)) return message.join('; ');
	return typeof message === 'string' ? message : undefined;
}

function apiError(
	this: HighLevelContext,
	result: AttemptResult,
	scope: string | undefined,
): NodeApiError {
	const message = apiMessage(result.body) ?? `HighLevel answered with HTTP ${result.statusCode}`;
	// Only a refusal that talks about scope gets the hint; an invalid or expired token is a different 401.
	const isScopeRefusal = result.statusCode === 401 && /\bscope\b/i.test(message);
	return new NodeApiError(this.getNode(), (result.body ?? {}) as JsonObject, {
		httpCode: String(result.statusCode),
		message: isScopeRefusal ? missingScopeMessage(scope ?? 'contacts.readonly') : message,
		description: isScopeRefusal
			? `HighLevel said: "${message}". For a Private Integration token, enable the scope on the integration in HighLevel (Settings > Private Integrations).`
			: undefined,
	});
}

/** The one place that talks to HighLevel: auth, Version header, scope check, pacing, retries and error mapping. */
export async function highLevelApiRequest(
	this: HighLevelContext,
	method: IHttpRequestMethods,
	endpoint: string,
	{ body, qs, version = API_VERSION.contacts, scope, idempotent }: HighLevelRequestOptions = {},
): Promise<IDataObject> {
	const connection = await getConnection.call(this);
	if (scope) checkScopes(this, connection, [scope]);

	// n8n drops an empty object body, but HighLevel requires one on some endpoints (e.g. add to campaign)
	const emptyBody = body !== undefined && Object.keys(body).length === 0;
	const request: IHttpRequestOptions = {
		method,
		url: `${connection.serverUrl.replace(/\/+$/, '')}${endpoint}`,
		qs,
		body: emptyBody ? '{}' : body,
		json: true,
		returnFullResponse: true,
	};
	const send = async (): Promise<AttemptResult> => {
		// n8n signs the options object it gets, so each attempt sends a fresh copy.
		const attempt = {
			...request,
			headers: {
				Version: version,
				Accept: 'application/json',
				...(emptyBody ? { 'Content-Type': 'application/json' } : {}),
			},
		};
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				connection.credentialType,
				attempt,
			)) as IDataObject;
			return {
				statusCode: Number(response.statusCode),
				headers: lowerCaseKeys(response.headers),
				body: response.body,
			};
		} catch (error) {
			// n8n throws for every error status (on a 401 after refreshing the OAuth2 token and sending once more)
			const response = httpErrorResponse(error);
			if (response) return { ...response, headers: lowerCaseKeys(response.headers) };
			if (isRefusedRefresh(error)) {
				throw new NodeOperationError(
					this.getNode(),
					'Reconnect this HighLevel credential: HighLevel refused to renew its access token',
					{
						description:
							'The refresh token was revoked, expired or already used (for example by another n8n instance). Open the credential and click "Reconnect".',
					},
				);
			}
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	};

	let result: ResilientResult;
	try {
		result = await sendWithResilience(
			{
				api: 'HighLevel',
				bucket: connection.locationId,
				readRateLimit: readHighLevelRateLimit,
				fallbackLimit: { max: 100, windowMs: 10_000 },
				idempotent: idempotent === true || method === 'GET' || method === 'DELETE',
				...retryOptions(this.getNode()),
			},
			send,
		);
	} catch (error) {
		if (error instanceof ResilienceError) {
			throw new NodeApiError(this.getNode(), (error.lastResponse?.body ?? {}) as JsonObject, {
				message: error.message,
				description: apiMessage(error.lastResponse?.body),
				httpCode: error.lastStatus === undefined ? undefined : String(error.lastStatus),
			});
		}
		throw error instanceof NodeApiError
			? error
			: new NodeOperationError(this.getNode(), error as Error);
	}
	if (result.statusCode >= 400) throw apiError.call(this, result, scope);
	return (result.body ?? {}) as IDataObject;
}

/** HighLevel's documented maximum `pageLimit` for POST /contacts/search. */
const SEARCH_PAGE_LIMIT = 500;

/**
 * POST /contacts/search page by page, following the `searchAfter` cursor of the last record (plain paging stops at
 * 10 000 records). Each page asks only for what is still missing, so nothing beyond `limit` is fetched.
 */
export async function highLevelApiRequestAllItems(
	this: HighLevelContext,
	search: IDataObject,
	limit = Infinity,
): Promise<IDataObject[]> {
	const { locationId } = await getConnection.call(this);
	const contacts: IDataObject[] = [];
	let searchAfter: unknown;
	while (contacts.length < limit) {
		const pageLimit = Math.min(SEARCH_PAGE_LIMIT, limit - contacts.length);
		const page = await highLevelApiRequest.call(this, 'POST', '/contacts/search', {
			body: { ...search, locationId, pageLimit, ...(searchAfter ? { searchAfter } : {}) },
			idempotent: true,
		});
		const records = (page.contacts ?? []) as IDataObject[];
		contacts.push(...records);
		searchAfter = records[records.length - 1]?.searchAfter;
		if (records.length < pageLimit || !searchAfter) break;
	}
	return contacts;
}
