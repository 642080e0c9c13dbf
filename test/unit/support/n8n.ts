/**
 * Fakes of n8n's function contexts for unit tests: just enough of IExecuteFunctions / ILoadOptionsFunctions to run a
 * node's own code, with the HTTP boundary (`helpers.httpRequestWithAuthentication`) as a jest mock.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Parameter values, the same for every item or computed per item (for expressions that differ per item). */
export type Parameters = IDataObject | ((itemIndex: number) => IDataObject);

export type HttpMock = jest.Mock<Promise<unknown>, [string, IDataObject]>;

export interface FakeContextOptions {
	parameters?: Parameters;
	items?: INodeExecutionData[];
	/** Decrypted credentials by credential type name. */
	credentials?: Record<string, IDataObject>;
	continueOnFail?: boolean;
	/** Stands in for `helpers.httpRequestWithAuthentication(credentialType, requestOptions)`. */
	http?: HttpMock;
	node?: Partial<INode>;
}

/** The raw parameters n8n keeps on the node (those of the first item when they vary per item). */
const rawParameters = (parameters: Parameters) =>
	(typeof parameters === 'function' ? parameters(0) : parameters) as INode['parameters'];

export const fakeNode = (overrides: Partial<INode> = {}): INode => ({
	id: 'node-under-test',
	name: 'Node Under Test',
	type: 'CUSTOM.nodeUnderTest',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	...overrides,
});

/** What n8n's httpRequest resolves to with `returnFullResponse: true`. */
export const httpResponse = (body: unknown, statusCode = 200, headers: IDataObject = {}) => ({
	body,
	headers,
	statusCode,
	statusMessage: 'OK',
});

/**
 * The n8n line whose errors a fake throws. httpRequestWithAuthentication wraps the client's error in a NodeApiError;
 * n8n 2.40 keeps it as `cause`, n8n 2.8's ExecutionBaseError declares `cause;` as a class field, which resets it.
 */
export type N8nLine = '2.40' | '2.8';
export const N8N_LINES: N8nLine[] = ['2.40', '2.8'];

/** What httpRequestWithAuthentication throws when `error` (from axios or the OAuth2 client) ends a request. */
export function thrownByN8n(error: Error, line: N8nLine = '2.40'): NodeApiError {
	const wrapped = new NodeApiError(fakeNode(), error as unknown as JsonObject);
	if (line === '2.8') wrapped.cause = undefined;
	return wrapped;
}

/** Named like axios' own class: NodeApiError reads the HTTP status of an error by that name. */
class AxiosError extends Error {}

/** What httpRequestWithAuthentication throws for an HTTP error status (axios' error keeps the signed request). */
export function httpError(
	statusCode: number,
	body: unknown,
	headers: IDataObject = {},
	line: N8nLine = '2.40',
): NodeApiError {
	const axiosError = Object.assign(
		new AxiosError(`Request failed with status code ${statusCode}`),
		{
			config: { headers: { Authorization: 'Bearer secret-access-token' } },
			response: { status: statusCode, headers, data: body },
		},
	);
	return thrownByN8n(axiosError, line);
}

/** What httpRequestWithAuthentication throws when no answer came (ECONNRESET, ECONNREFUSED...). */
export function connectionError(code: string, line: N8nLine = '2.40'): NodeApiError {
	return thrownByN8n(Object.assign(new AxiosError('socket hang up'), { code }), line);
}

/** What httpRequestWithAuthentication throws when the token endpoint refuses the refresh with invalid_grant. */
export function refusedRefresh(line: N8nLine = '2.40'): NodeApiError {
	// client-oauth2's AuthError: RFC 6749's description of the error code as message, the token endpoint's body kept
	const authError = Object.assign(
		new Error(
			'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
		),
		{
			code: 'EAUTH',
			body: { error: 'invalid_grant', error_description: 'refresh token already used' },
		},
	);
	return thrownByN8n(authError, line);
}

function lookup(values: IDataObject, name: string): unknown {
	return name
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], values);
}

function parameterReader(parameters: Parameters) {
	return (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: { extractValue?: boolean },
	) => {
		const values = typeof parameters === 'function' ? parameters(itemIndex) : parameters;
		let value = lookup(values, name);
		if (value === undefined) {
			if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			value = fallback;
		}
		const isLocator = typeof value === 'object' && value !== null && '__rl' in value;
		return options?.extractValue && isLocator ? (value as IDataObject).value : value;
	};
}

function credentialReader(credentials: Record<string, IDataObject>) {
	return async (type: string) => {
		if (!credentials[type]) throw new Error(`Node does not have credentials of type "${type}"`);
		return credentials[type];
	};
}

export function createExecuteFunctions({
	parameters = {},
	items = [{ json: {} }],
	credentials = {},
	continueOnFail = false,
	http = jest.fn(),
	node,
}: FakeContextOptions = {}): IExecuteFunctions & { http: HttpMock } {
	const getNodeParameter = parameterReader(parameters);
	const context = {
		http,
		getNode: () => fakeNode({ parameters: rawParameters(parameters), ...node }),
		getInputData: () => items,
		getNodeParameter,
		getCredentials: credentialReader(credentials),
		continueOnFail: () => continueOnFail,
		helpers: {
			httpRequestWithAuthentication: http,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				{ itemData }: { itemData: { item: number } },
			) => data.map((item) => ({ ...item, pairedItem: itemData })),
		},
	};
	// `this`-bound helpers are called as `helper.call(context, ...)`, as n8n does.
	return context as unknown as IExecuteFunctions & { http: HttpMock };
}

export function createLoadOptionsFunctions({
	parameters = {},
	credentials = {},
	http = jest.fn(),
	node,
}: FakeContextOptions = {}): ILoadOptionsFunctions & { http: HttpMock } {
	const read = parameterReader(parameters);
	const context = {
		http,
		getNode: () => fakeNode({ parameters: rawParameters(parameters), ...node }),
		getNodeParameter: (name: string, fallback?: unknown) => read(name, 0, fallback),
		getCredentials: credentialReader(credentials),
		helpers: { httpRequestWithAuthentication: http },
	};
	return context as unknown as ILoadOptionsFunctions & { http: HttpMock };
}

/** The request options of the n-th call of an HTTP mock (credential type, options). */
export function sentRequest(
	http: HttpMock,
	call = 0,
): { credentialType: string; options: IDataObject } {
	const [credentialType, options] = http.mock.calls[call];
	return { credentialType, options };
}
