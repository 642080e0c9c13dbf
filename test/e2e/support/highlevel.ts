/** What the HighLevel e2e files share: credentials that point at the simulator, node and workflow builders, and
 * readers of the simulator's request log. */
import { randomUUID } from 'crypto';
import type { IConnections, IDataObject, INodeParameters } from 'n8n-workflow';

import {
	n8n,
	nodeType,
	workflowOf,
	type ExecutionResult,
	type WorkflowDefinition,
	type WorkflowNode,
} from '../harness/n8n';
import {
	DEFAULT_CLIENT,
	type HighLevelSimulator,
	type TokenRequest,
} from '../../simulators/highlevel';
import type { RecordedRequest } from '../../simulators/common/http';

export interface HighLevelCredential {
	type: 'highLevelContactsOAuth2Api' | 'highLevelPrivateIntegrationApi';
	id: string;
	name: string;
}

export const READ_WRITE = 'contacts.readonly contacts.write';

/** An OAuth2 credential whose stored token data (as the consent flow would leave it) came from the simulator. */
export async function oAuth2Credential(
	sim: HighLevelSimulator,
	oauthTokenData: Record<string, unknown>,
	accessLevel = READ_WRITE,
): Promise<HighLevelCredential> {
	const type = 'highLevelContactsOAuth2Api';
	const name = `HighLevel OAuth2 ${randomUUID()}`;
	const id = await n8n.createCredential(type, name, {
		apiUrl: sim.url,
		clientId: DEFAULT_CLIENT.clientId,
		clientSecret: DEFAULT_CLIENT.clientSecret,
		accessLevel,
		oauthTokenData: oauthTokenData as IDataObject,
	});
	return { type, id, name };
}

/** A Private Integration credential with a token the simulator issued for its first location. */
export async function privateIntegrationCredential(
	sim: HighLevelSimulator,
	request: Omit<TokenRequest, 'kind'> = {},
): Promise<HighLevelCredential> {
	const type = 'highLevelPrivateIntegrationApi';
	const name = `HighLevel PIT ${randomUUID()}`;
	const { access_token: token, locationId } = sim.issueToken({
		...request,
		kind: 'private-integration',
	});
	const id = await n8n.createCredential(type, name, {
		token: token as string,
		locationId: locationId as string,
		apiUrl: sim.url,
	});
	return { type, id, name };
}

/** A HighLevel Contacts node of this package authenticated with `credential`. */
export function highLevelNode(
	name: string,
	credential: HighLevelCredential,
	resource: string,
	operation: string,
	parameters: INodeParameters = {},
	settings: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name,
		type: nodeType('highLevelContacts'),
		parameters: {
			authentication:
				credential.type === 'highLevelPrivateIntegrationApi' ? 'privateIntegration' : 'oAuth2',
			resource,
			operation,
			...parameters,
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		...settings,
	};
}

/** A "Contact" resource locator in "By ID" mode; `value` is usually an expression. */
export function contactRef(value: string): INodeParameters {
	return { __rl: true, mode: 'id', value };
}

/** Wires `[from, to]` pairs, each on the first output and input. */
export function connect(...edges: Array<[string, string]>): IConnections {
	const connections: IConnections = {};
	for (const [from, to] of edges) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0]!.push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

/** The nodes one after the other. */
export const chain = (nodes: WorkflowNode[]): WorkflowDefinition => workflowOf(...nodes);

/** HighLevel ids are 20 alphanumerics; in a route they become ":id" so that requests can be counted by endpoint. */
export function route({ method, path }: Pick<RecordedRequest, 'method' | 'path'>): string {
	return `${method} ${path.replace(/\/[A-Za-z0-9]{20}(?=\/|$)/g, '/:id')}`;
}

/** How many requests the simulator recorded per route. */
export function routeCounts(requests: RecordedRequest[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const request of requests) counts[route(request)] = (counts[route(request)] ?? 0) + 1;
	return counts;
}

/** Requests that change data (everything but reads and searches). */
export function writes(sim: HighLevelSimulator): RecordedRequest[] {
	return sim.requests.filter(
		(r) => r.method !== 'GET' && r.path !== '/contacts/search' && r.path !== '/oauth/token',
	);
}

/** For each output item, the index of the input item it is paired with. */
export function pairedItems(result: ExecutionResult, nodeName: string): number[] {
	return result.output(nodeName).map((item) => {
		const paired = [item.pairedItem].flat()[0];
		return typeof paired === 'number' ? paired : (paired?.item ?? -1);
	});
}
