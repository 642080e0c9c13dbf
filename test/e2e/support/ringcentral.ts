/** Shared pieces of the RingCentral end-to-end tests: one simulator per test file, JWT credentials, the package's
 * RingCentral nodes as workflow nodes, and waiting for things n8n does in the background. */
import { randomUUID } from 'crypto';

import type { INodeCredentialsDetails, INodePropertyOptions } from 'n8n-workflow';

import { n8n, nodeType, workflowOf, type WorkflowDefinition, type WorkflowNode } from '../harness/n8n';
import { startRingCentralSimulator, type RingCentralSimulator } from '../../simulators/ringcentral';
import type { RecordedRequest } from '../../simulators/common/http';

/** 60: RingCentral's 60 s rate-limit windows and penalties last 1 s. */
export const TIME_SCALE = 60;

/** The extension every simulator JWT acts for (extension 101, Alex Owner) and its one SMS-capable number. */
export const OWNER_EXTENSION_ID = '62264425008';
export const OWNER_SMS_NUMBER = '+16505550101';

export type Credential = INodeCredentialsDetails & { id: string };

/**
 * One simulator for the test file. Every test starts from a fresh account (time scale TIME_SCALE), its active
 * workflows are deactivated afterwards, and it fails if any request broke the vendor's OpenAPI contract.
 */
export interface RingCentralRig {
	readonly sim: RingCentralSimulator;
	/** activates a workflow that the rig deactivates after the test */
	activate(workflow: WorkflowDefinition): Promise<string>;
}

export function useRingCentralSimulator(): RingCentralRig {
	let sim: RingCentralSimulator | undefined;
	const active: string[] = [];
	async function activate(workflow: WorkflowDefinition): Promise<string> {
		const id = await n8n.activateWorkflow(workflow);
		active.push(id);
		return id;
	}

	beforeAll(async () => {
		sim = await startRingCentralSimulator();
	});
	afterAll(async () => await sim?.close());
	beforeEach(() => {
		sim!.server.reset();
		sim!.server.configure({ timeScale: TIME_SCALE });
	});
	afterEach(async () => {
		// deactivation cancels subscriptions, so it belongs to the test's traffic
		for (const id of active.splice(0)) await n8n.deactivateWorkflow(id);
		expect(sim!.server.violations).toEqual([]);
	});

	return {
		get sim() {
			if (!sim) throw new Error('the RingCentral simulator is not started (use it inside tests)');
			return sim;
		},
		activate,
	};
}

/** A RingCentral JWT credential for the simulator, as a user would fill it in. */
export async function createJwtCredential(sim: RingCentralSimulator): Promise<Credential> {
	const name = `RingCentral JWT ${randomUUID()}`;
	const id = await n8n.createCredential('ringCentralJwtApi', name, {
		apiUrl: sim.url,
		clientId: sim.clientId,
		clientSecret: sim.clientSecret,
		jwtToken: sim.issueJwt(),
	});
	return { id, name };
}

type RingCentralNodeName = 'ringCentral' | 'ringCentralTrigger' | 'ringCentralPollTrigger';

/** A node of this package authenticated with the given JWT credential. */
export function ringCentralNode(
	type: RingCentralNodeName,
	name: string,
	credential: Credential,
	parameters: WorkflowNode['parameters'],
): WorkflowNode {
	return {
		name,
		type: nodeType(type),
		parameters: { authentication: 'ringCentralJwtApi', ...parameters },
		credentials: { ringCentralJwtApi: credential },
	};
}

/** A workflow whose nodes run one after the other. */
export const chain = workflowOf;

/** An end node for trigger workflows: its input is what the trigger emitted. */
export const done: WorkflowNode = { name: 'Done', type: 'n8n-nodes-base.noOp', parameters: {} };

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value other than undefined/false (n8n activates, polls and delivers in the background). */
export async function waitFor<T>(
	what: string,
	check: () => T | undefined | false,
	timeoutMs = 60_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(200);
	}
}

/** The simulator's recorded API requests whose path ends with `suffix` (optionally one method only). */
export function requestsTo(
	sim: RingCentralSimulator,
	suffix: string | RegExp,
	method?: string,
): RecordedRequest[] {
	return sim.server.requests.filter(
		(request) =>
			(method === undefined || request.method === method) &&
			(typeof suffix === 'string' ? request.path.endsWith(suffix) : suffix.test(request.path)),
	);
}

/**
 * What the editor lists for a parameter with a loadOptionsMethod, asked the way the editor asks. The harness has no
 * public call for it (yet), so this reuses the harness client's authenticated request.
 */
export async function loadOptions(
	node: WorkflowNode,
	parameter: string,
	methodName: string,
): Promise<INodePropertyOptions[]> {
	const request = n8n['request'].bind(n8n) as <T>(
		method: string,
		path: string,
		body: unknown,
	) => Promise<T>;
	return await request<INodePropertyOptions[]>('POST', '/rest/dynamic-node-parameters/options', {
		nodeTypeAndVersion: { name: node.type, version: node.typeVersion ?? 1 },
		path: `parameters.${parameter}`,
		methodName,
		currentNodeParameters: node.parameters,
		credentials: node.credentials,
	});
}
