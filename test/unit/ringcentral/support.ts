import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { setClock } from '../../../nodes/shared/resilience';
import type { N8nLine } from '../support/n8n';
import { httpError } from '../support/n8n';

// A fake of the context n8n hands to the RingCentral action node. Requests stop at
// helpers.httpRequestWithAuthentication: each one is recorded and answered by the test's `respond`.

export const SERVER_URL = 'https://platform.ringcentral.com';

export interface Reply {
	statusCode?: number;
	headers?: IDataObject;
	body?: unknown;
}

/** What the transport asked n8n to send, with the query string of `url` (nextPage links) folded into `qs`. */
export interface SentRequest {
	credentialType: string;
	method: string;
	path: string;
	qs: IDataObject;
	body: unknown;
	options: IHttpRequestOptions;
}

export type Respond = (request: SentRequest) => Reply | Promise<Reply>;

export interface FakeOptions {
	/** Node parameters; a function gives each item its own. */
	parameters: IDataObject | ((itemIndex: number) => IDataObject);
	items?: number;
	respond?: Respond;
	continueOnFail?: boolean;
	credentials?: IDataObject;
	/** Whose errors an error status is thrown as (n8n throws for every status >= 400). */
	n8n?: N8nLine;
}

/** n8n's resilience clock, made instant: pacing and back-off waits only move the fake time forward. */
export function useInstantClock(): void {
	let now = 1_700_000_000_000;
	beforeAll(() =>
		setClock({
			now: () => now,
			sleep: async (ms) => {
				now += ms;
			},
		}),
	);
	afterAll(() => setClock());
}

function toSentRequest(credentialType: string, options: IHttpRequestOptions): SentRequest {
	const url = new URL(options.url);
	const qs: IDataObject = { ...(options.qs ?? {}) };
	url.searchParams.forEach((value, key) => {
		qs[key] = value;
	});
	return {
		credentialType,
		method: options.method ?? 'GET',
		path: `${url.origin === SERVER_URL ? '' : url.origin}${url.pathname}`,
		qs,
		body: options.body,
		options,
	};
}

let credentialCounter = 0;

export function fakeExecute(options: FakeOptions) {
	const requests: SentRequest[] = [];
	const parametersOf = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	// Every fake gets its own credential id, so rate-limit buckets never leak between tests
	const credentialId = `credential-${++credentialCounter}`;
	const httpRequestWithAuthentication = jest.fn(
		async (credentialType: string, requestOptions: IHttpRequestOptions) => {
			const request = toSentRequest(credentialType, requestOptions);
			requests.push(request);
			const reply: Reply = options.respond ? await options.respond(request) : {};
			const statusCode = reply.statusCode ?? 200;
			const [headers, body] = [reply.headers ?? {}, reply.body ?? {}];
			if (statusCode >= 400) throw httpError(statusCode, body, headers, options.n8n);
			return { statusCode, headers, body };
		},
	);
	const context = {
		getInputData: () => Array.from({ length: options.items ?? 1 }, () => ({ json: {} })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const parameters = parametersOf(itemIndex);
			if (name in parameters) return parameters[name];
			if (fallback !== undefined) return fallback;
			throw new Error(`Test set no value for parameter "${name}"`);
		},
		getNode: () => ({
			id: 'node-1',
			name: 'RingCentral',
			type: 'n8n-nodes-ringcentral-highlevel.ringCentral',
			typeVersion: 1,
			position: [0, 0],
			parameters: parametersOf(0),
			credentials: {
				ringCentralJwtApi: { id: credentialId, name: 'JWT' },
				ringCentralOAuth2Api: { id: credentialId, name: 'OAuth2' },
			},
		}),
		getCredentials: async () => ({ apiUrl: `${SERVER_URL}/`, ...(options.credentials ?? {}) }),
		continueOnFail: () => options.continueOnFail ?? false,
		helpers: {
			httpRequestWithAuthentication,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (
				items: INodeExecutionData[],
				{ itemData }: { itemData: { item: number } },
			) => items.map((item) => ({ ...item, pairedItem: itemData })),
		},
	};
	return {
		context: context as unknown as IExecuteFunctions,
		loadOptionsContext: {
			...context,
			getCurrentNodeParameter: (name: string) => parametersOf(0)[name],
		} as unknown as ILoadOptionsFunctions,
		requests,
		httpRequestWithAuthentication,
	};
}

/** A RingCentral list page: records plus a navigation.nextPage link when `next` is given. */
export function page(records: IDataObject[], next?: string): IDataObject {
	return {
		records,
		paging: { page: 1, perPage: records.length },
		navigation: next ? { nextPage: { uri: `${SERVER_URL}${next}` } } : {},
	};
}
