import type { IDataObject, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

// Small fakes of the contexts n8n hands to the RingCentral triggers. Static data is a plain object the test
// owns, so a "restart" is simply a new context around the same (JSON round-tripped) object.

const node = (parameters: IDataObject) => ({
	id: 'node-1',
	name: 'RingCentral Trigger',
	type: 'n8n-nodes-ringcentral-highlevel.ringCentralTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters,
});

const returnJsonArray = (items: IDataObject[]) => items.map((json) => ({ json }));

function parameterReader(parameters: IDataObject) {
	return (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback);
}

export const WEBHOOK_URL = 'https://n8n.example.com/webhook/abc/webhook';

export function hookContext(parameters: IDataObject, staticData: IDataObject): IHookFunctions {
	return {
		getNode: () => node(parameters),
		getNodeParameter: parameterReader(parameters),
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => WEBHOOK_URL,
	} as unknown as IHookFunctions;
}

export interface FakeResponse {
	status: jest.Mock;
	setHeader: jest.Mock;
	end: jest.Mock;
	json: jest.Mock;
}

export function webhookContext(
	parameters: IDataObject,
	staticData: IDataObject,
	request: { headers?: IDataObject; body?: IDataObject },
	workflowId = 'workflow-1',
): { context: IWebhookFunctions; response: FakeResponse; warn: jest.Mock } {
	const response: FakeResponse = {
		status: jest.fn(),
		setHeader: jest.fn(),
		end: jest.fn(),
		json: jest.fn(),
	};
	response.status.mockReturnValue(response);
	const warn = jest.fn();
	const context = {
		getNode: () => node(parameters),
		getWorkflow: () => ({ id: workflowId, name: 'Workflow', active: true }),
		getNodeParameter: parameterReader(parameters),
		getWorkflowStaticData: () => staticData,
		getHeaderData: () => request.headers ?? {},
		getBodyData: () => request.body ?? {},
		getResponseObject: () => response,
		helpers: { returnJsonArray },
		logger: { warn },
	} as unknown as IWebhookFunctions;
	return { context, response, warn };
}

export function pollContext(
	parameters: IDataObject,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
): IPollFunctions {
	return {
		getNode: () => node(parameters),
		getNodeParameter: parameterReader(parameters),
		getWorkflowStaticData: () => staticData,
		getMode: () => mode,
		helpers: { returnJsonArray },
	} as unknown as IPollFunctions;
}
