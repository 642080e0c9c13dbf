import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AttemptResult, RateLimitReading } from '../../shared/resilience';
import { httpErrorResponse, ResilienceError, sendWithResilience } from '../../shared/resilience';
import { oncePerRun } from '../../shared/perRun';
import { retryOptions } from '../../shared/requestOptions';

export type RingCentralContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IPollFunctions | IWebhookFunctions;

export type RingCentralCredentialType = 'ringCentralJwtApi' | 'ringCentralOAuth2Api';

export type ThrottlingGroup = 'Light' | 'Medium' | 'Heavy';

/** RingCentral's default per-user budgets (requests per 60 s), used until the server's own headers are seen. */
const FALLBACK_LIMITS: Record<ThrottlingGroup, number> = { Light: 50, Medium: 40, Heavy: 10 };


/** The credential chosen by the node's "Authentication" parameter (JWT unless OAuth2 was picked). */
export function getCredentialType(this: RingCentralContext): RingCentralCredentialType {
	return this.getNode().parameters.authentication === 'ringCentralOAuth2Api'
		? 'ringCentralOAuth2Api'
		: 'ringCentralJwtApi';
}

/** The spec's x-throttling-group of an endpoint, close enough to pick a rate-limit bucket before the first answer. */
export function throttlingGroup(method: IHttpRequestMethods, endpoint: string): ThrottlingGroup {
	if (/\/(address-book|call-log)/.test(endpoint)) return 'Heavy';
	if (method === 'GET' || endpoint.endsWith('/renew')) return 'Light';
	return 'Medium';
}

function headerNumber(value: unknown): number | undefined {
	const parsed = Number(value);
	return value === undefined || value === '' || Number.isNaN(parsed) ? undefined : parsed;
}

/** Retry-After is either delay-seconds or an HTTP date. */
function retryAfterMs(value: unknown): number | undefined {
	const seconds = headerNumber(value);
	if (seconds !== undefined) return seconds * 1000;
	const date = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** RingCentral's X-Rate-Limit-* and Retry-After headers (lower-case names). */
export function readRateLimit(headers: IDataObject): RateLimitReading {
	const windowSeconds = headerNumber(headers['x-rate-limit-window']);
	return {
		remaining: headerNumber(headers['x-rate-limit-remaining']),
		limit: headerNumber(headers['x-rate-limit-limit']),
		windowMs: windowSeconds === undefined ? undefined : windowSeconds * 1000,
		retryAfterMs: retryAfterMs(headers['retry-after']),
	};
}

/** Turns RingCentral's error body ({errorCode, message, errors[]}) into an error that says what went wrong. */
export function ringCentralError(
	context: RingCentralContext,
	statusCode: number,
	body: unknown,
): NodeApiError {
	const error = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const details = (Array.isArray(error.errors) ? error.errors : []) as IDataObject[];
	const code = (error.errorCode ?? details[0]?.errorCode) as string | undefined;
	const reason = (error.message ?? details[0]?.message ?? error.error_description) as
		string | undefined;
	const hints = details
		.map((detail) =>
			[
				detail.message,
				detail.parameterName && `parameter: ${detail.parameterName as string}`,
				detail.permissionName && `missing permission: ${detail.permissionName as string}`,
			]
				.filter(Boolean)
				.join(', '),
		)
		.filter((hint) => hint.length > 0);
	return new NodeApiError(context.getNode(), error as JsonObject, {
		httpCode: String(statusCode),
		message: `RingCentral answered ${statusCode}${code ? ` ${code}` : ''}: ${reason ?? 'no reason given'}`,
		description: hints.length > 0 ? hints.join('; ') : undefined,
	});
}

/** Why sendWithResilience gave up (rate limit, server errors, network), with RingCentral's own last answer. */
function gaveUpError(context: RingCentralContext, error: unknown): NodeApiError {
	if (!(error instanceof ResilienceError))
		return new NodeApiError(context.getNode(), error as JsonObject);
	const last = error.lastResponse;
	const vendorError = last ? ringCentralError(context, last.statusCode, last.body) : undefined;
	// A plain object, not the error: its cause may hold the request with the Authorization header
	return new NodeApiError(
		context.getNode(),
		{ message: error.message, reason: error.reason },
		{
			message: error.message,
			description: vendorError?.message,
			httpCode: error.lastStatus === undefined ? undefined : String(error.lastStatus),
		},
	);
}

/**
 * One RingCentral API call: authentication (JWT or OAuth2, with n8n re-authenticating on 401), pacing from the
 * rate-limit headers, 429 waits, retries of idempotent requests, and error mapping. `endpoint` is a path on the
 * credential's server and may carry its own query string (as navigation.nextPage URIs do).
 */
export async function ringCentralApiRequest(
	this: RingCentralContext,
	method: IHttpRequestMethods,
	endpoint: string,
	body?: IDataObject,
	qs?: IDataObject,
	options: { idempotent?: boolean } = {},
): Promise<IDataObject> {
	const credentialType = getCredentialType.call(this);
	const serverUrl = await oncePerRun(this, `serverUrl:${credentialType}`, async () => {
		const credentials = await this.getCredentials(credentialType);
		return String(credentials.apiUrl).replace(/\/+$/, '');
	});
	const request: IHttpRequestOptions = {
		method,
		url: `${serverUrl}${endpoint}`,
		qs,
		body,
		json: true,
		// The spec's array query parameters are exploded form style: direction=Inbound&direction=Outbound
		arrayFormat: 'repeat',
		returnFullResponse: true,
	};

	const send = async (): Promise<AttemptResult> => {
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				{ ...request },
			)) as IN8nHttpFullResponse;
			return {
				statusCode: response.statusCode,
				headers: response.headers as IDataObject,
				body: response.body,
			};
		} catch (error) {
			// n8n throws for every error status: on a 401 it has already refreshed the OAuth2 token or redone the JWT
			// exchange and sent the request once more, so what is caught here is the final answer
			const response = httpErrorResponse(error);
			if (response) return response;
			// No answer at all (connection failure, or the JWT exchange failed): already a NodeApiError, kept as is
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
	};

	const group = throttlingGroup(method, endpoint);
	const credentialId = this.getNode().credentials?.[credentialType]?.id ?? credentialType;
	const result = await sendWithResilience(
		{
			api: 'RingCentral',
			bucket: `ringcentral:${credentialId}:${group}`,
			readRateLimit,
			fallbackLimit: { max: FALLBACK_LIMITS[group], windowMs: 60_000 },
			idempotent: options.idempotent ?? ['GET', 'PUT', 'DELETE'].includes(method),
			...retryOptions(this.getNode()),
		},
		send,
	).catch((error: unknown) => {
		throw gaveUpError(this, error);
	});
	if (result.statusCode >= 400) throw ringCentralError(this, result.statusCode, result.body);
	// 204 No Content (deletes) has no body
	return result.body && typeof result.body === 'object' ? (result.body as IDataObject) : {};
}

/**
 * Every record of a paged list, following navigation.nextPage to the end or until `limit` records were kept.
 * `keep` filters records client-side (for filters the API lacks) before they count towards the limit.
 */
export async function ringCentralApiRequestAllItems(
	this: RingCentralContext,
	method: IHttpRequestMethods,
	endpoint: string,
	body?: IDataObject,
	qs?: IDataObject,
	options: { limit?: number; keep?: (record: IDataObject) => boolean } = {},
): Promise<IDataObject[]> {
	const { limit, keep } = options;
	const records: IDataObject[] = [];
	let page = await ringCentralApiRequest.call(this, method, endpoint, body, qs);
	for (;;) {
		const pageRecords = (page.records ?? []) as IDataObject[];
		records.push(...(keep ? pageRecords.filter(keep) : pageRecords));
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		const nextPage = (page.navigation as IDataObject | undefined)?.nextPage as
			IDataObject | undefined;
		if (typeof nextPage?.uri !== 'string' || pageRecords.length === 0) return records;
		// Only the path and query are reused: the token must never be sent to a host other than the credential's
		const next = new URL(nextPage.uri);
		page = await ringCentralApiRequest.call(this, method, `${next.pathname}${next.search}`, body);
	}
}
