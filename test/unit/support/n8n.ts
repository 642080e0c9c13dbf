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

/** What httpRequestWithAuthentication throws for an HTTP error status: a NodeApiError caused by the axios error. */
export function httpError(
	statusCode: number,
	body: unknown,
	headers: IDataObject = {},
): NodeApiError {
	const axiosError = Object.assign(new Error(`Request failed with status code ${statusCode}`), {
		response: { status: statusCode, headers, data: body },
	});
	return new NodeApiError(fakeNode(), axiosError as unknown as JsonObject);
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
		getNode: () => fakeNode(node),
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
		getNode: () => fakeNode(node),
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
