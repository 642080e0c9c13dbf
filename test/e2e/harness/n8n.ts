/** Typed client for the real n8n booted by global setup. It talks to n8n's internal REST API as the editor does
 * (cookie login, `/rest/...`), because the public API cannot run a workflow nor store OAuth2 token data. */
import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import path from 'path';
import { promisify } from 'util';

import { parse } from 'flatted';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IRunData,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowSettings,
} from 'n8n-workflow';

import {
	logTail,
	n8nCommand,
	n8nEnv,
	readState,
	startN8n,
	stopN8n,
	writeState,
	type HarnessState,
} from './n8n-process';

/** A node as tests write it: id, position and typeVersion (1) are filled in. */
export type WorkflowNode = Omit<INode, 'id' | 'position' | 'typeVersion'> &
	Partial<Pick<INode, 'id' | 'position' | 'typeVersion'>>;

export interface WorkflowDefinition {
	name?: string;
	nodes: WorkflowNode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: ExecutionStatus;
	mode: string;
	startedAt: string | null;
	stoppedAt: string | null;
}

/** Why a run failed, as n8n stored it (the error of the node that stopped the workflow). */
export interface ExecutionFailure {
	message: string;
	description?: string | null;
	node?: string;
}

export class ExecutionResult {
	constructor(
		readonly summary: ExecutionSummary,
		readonly runData: IRunData,
		readonly lastNodeExecuted: string | undefined,
		readonly error: ExecutionFailure | undefined,
	) {}

	get id(): string {
		return this.summary.id;
	}

	get status(): ExecutionStatus {
		return this.summary.status;
	}

	/** Items of a node's last run on one output (default: the last node executed, first output). Items a node
	 * emitted for continueOnFail carry `json.error`. */
	output(nodeName = this.lastNodeExecuted, outputIndex = 0): INodeExecutionData[] {
		if (nodeName === undefined) return [];
		return this.runData[nodeName]?.at(-1)?.data?.main?.[outputIndex] ?? [];
	}

	json(nodeName?: string, outputIndex = 0): IDataObject[] {
		return this.output(nodeName, outputIndex).map((item) => item.json);
	}

	ran(nodeName: string): boolean {
		return nodeName in this.runData;
	}
}

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const UNFINISHED: ExecutionStatus[] = ['new', 'running'];
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

/** Type of a node of this package as n8n registers nodes loaded from a custom extension folder. */
export function nodeType(name: string): string {
	return `CUSTOM.${name}`;
}

/** Connections of a straight line of nodes: each node's first main output feeds the next node. */
export function chain(...nodeNames: string[]): IConnections {
	return Object.fromEntries(
		nodeNames
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: nodeNames[index + 1], type: 'main', index: 0 }]] },
			]),
	);
}

/** A workflow whose nodes run one after the other, in the order given. */
export function workflowOf(...nodes: WorkflowNode[]): WorkflowDefinition {
	return { nodes, connections: chain(...nodes.map((node) => node.name)) };
}

function completeNodes(nodes: WorkflowNode[]): INode[] {
	return nodes.map((node, index) => ({
		id: randomUUID(),
		position: [index * 220, 0],
		typeVersion: 1,
		// the editor gives webhook nodes a webhookId, which makes their URL /webhook/<id>/<path>; others ignore it
		webhookId: randomUUID(),
		...node,
	}));
}

/** Makes a Manual Trigger the start of the workflow: the existing one, or a new "Start" feeding every node that
 * has no incoming connection. */
function withManualTrigger(workflow: WorkflowDefinition): WorkflowDefinition & { trigger: string } {
	const existing = workflow.nodes.find((node) => node.type === MANUAL_TRIGGER);
	if (existing) return { ...workflow, trigger: existing.name };
	const fed = new Set(
		Object.values(workflow.connections).flatMap((outputs) =>
			Object.values(outputs).flatMap((branches) =>
				branches.flatMap((branch) => (branch ?? []).map((c) => c.node)),
			),
		),
	);
	const roots = workflow.nodes.filter((node) => !fed.has(node.name));
	return {
		...workflow,
		trigger: 'Start',
		nodes: [{ name: 'Start', type: MANUAL_TRIGGER, parameters: {} }, ...workflow.nodes],
		connections: {
			...workflow.connections,
			Start: { main: [roots.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
	};
}

export class N8nClient {
	private state: HarnessState = readState();
	private cookie?: Promise<string>;

	get baseUrl(): string {
		return this.state.baseUrl;
	}

	/** Production URL of a webhook: `webhookUrl(path)` for n8n's Webhook node (its path is the full path),
	 * `webhookUrl(\`${webhookId}/${path}\`)` for trigger nodes whose webhooks are not `isFullPath`. */
	webhookUrl(webhookPath: string): string {
		return `${this.state.baseUrl}/webhook/${webhookPath}`;
	}

	/** Names of all node types n8n loaded (what the editor's node panel lists). */
	async loadedNodeTypes(): Promise<string[]> {
		return (await this.staticTypes('nodes')).map((type) => type.name);
	}

	/** Names of all credential types n8n loaded. */
	async loadedCredentialTypes(): Promise<string[]> {
		return (await this.staticTypes('credentials')).map((type) => type.name);
	}

	/** Stores a credential. OAuth2 credentials may carry `oauthTokenData` (access_token, refresh_token, ...): n8n
	 * keeps it on create (only updates strip it), which stands in for the browser consent flow. */
	async createCredential(
		type: string,
		name: string,
		data: ICredentialDataDecryptedObject,
	): Promise<string> {
		const credential = await this.request<{ id: string }>('POST', '/rest/credentials', {
			type,
			name,
			data,
		});
		return credential.id;
	}

	/** The decrypted credential as stored now (e.g. a rotated refresh token). The REST API hides oauthTokenData,
	 * so this runs `n8n export:credentials --decrypted` against the same database (~3 s). */
	async getCredentialData(id: string): Promise<ICredentialDataDecryptedObject> {
		this.assertBooted();
		const file = path.join(this.state.runDir, `credential-${randomUUID()}.json`);
		const { node, args } = n8nCommand(this.state);
		const exportArgs = ['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`];
		await run(node, [...args, ...exportArgs], { env: n8nEnv(this.state) });
		const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{
			data: ICredentialDataDecryptedObject;
		}>;
		return credential.data;
	}

	async createWorkflow(
		workflow: WorkflowDefinition,
		pinData?: Record<string, INodeExecutionData[]>,
	): Promise<IWorkflowBase & { versionId: string }> {
		return await this.request('POST', '/rest/workflows', {
			name: workflow.name ?? `e2e ${randomUUID()}`,
			nodes: completeNodes(workflow.nodes),
			connections: workflow.connections,
			settings: { executionOrder: 'v1', ...workflow.settings },
			pinData,
		});
	}

	/** Runs a workflow like the editor's "Execute workflow" and waits for the result. `input` becomes the output
	 * of the Manual Trigger (added as "Start" when the workflow has none). */
	async runWorkflow(workflow: WorkflowDefinition, input?: IDataObject[]): Promise<ExecutionResult> {
		const { trigger, ...definition } = withManualTrigger(workflow);
		const pinData = input && { [trigger]: input.map((json) => ({ json })) };
		const workflowData = await this.createWorkflow(definition, pinData);
		const started = await this.request<{ executionId?: string }>(
			'POST',
			`/rest/workflows/${workflowData.id}/run`,
			{
				// n8n 2.8.4 runs the workflow the body carries, as its editor sends it; 2.40.7 runs the saved one and
				// drops the field
				workflowData,
				triggerToStartFrom: { name: trigger },
			},
		);
		if (!started.executionId)
			throw new Error(`n8n did not start workflow ${workflowData.id}: ${JSON.stringify(started)}`);
		return await this.waitForExecution(started.executionId);
	}

	/** Saves and activates (publishes) a workflow. n8n runs the trigger's webhookMethods (checkExists/create)
	 * before this returns, and an activation error is thrown here. */
	async activateWorkflow(workflow: WorkflowDefinition): Promise<string> {
		const { id, versionId } = await this.createWorkflow(workflow);
		await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
		return id;
	}

	/** Deactivates (unpublishes) a workflow; n8n runs the trigger's webhookMethods.delete before this returns. */
	async deactivateWorkflow(id: string): Promise<void> {
		await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
	}

	/** Executions of a workflow, newest first. */
	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?filter=${filter}`,
		);
		return page.results;
	}

	/** Waits until a workflow has at least `count` finished executions (webhook deliveries run asynchronously). */
	async waitForExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 30_000,
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const finished = (await this.listExecutions(workflowId)).filter(
				(e) => !UNFINISHED.includes(e.status),
			);
			if (finished.length >= count) return finished;
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId} has ${finished.length} of ${count} executions after ${timeoutMs} ms`,
				);
			}
			await sleep(200);
		}
	}

	async getExecution(id: string): Promise<ExecutionResult> {
		const execution = await this.request<ExecutionSummary & { data?: string }>(
			'GET',
			`/rest/executions/${id}`,
		);
		// an execution that is still starting has no (or empty) data yet
		const data = execution.data
			? (parse(execution.data) as IRunExecutionData | undefined)
			: undefined;
		const resultData = data?.resultData;
		const failure = resultData?.error as
			(ExecutionFailure & { node?: { name: string } }) | undefined;
		return new ExecutionResult(
			execution,
			resultData?.runData ?? {},
			resultData?.lastNodeExecuted,
			failure && {
				message: failure.message,
				description: failure.description,
				node: failure.node?.name,
			},
		);
	}

	async waitForExecution(id: string, timeoutMs = 150_000): Promise<ExecutionResult> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.getExecution(id);
			if (!UNFINISHED.includes(execution.status)) return execution;
			if (Date.now() > deadline)
				throw new Error(`execution ${id} still ${execution.status} after ${timeoutMs} ms`);
			await sleep(200);
		}
	}

	/** Stops n8n gracefully and starts it again on the same port, user folder and database. */
	async restartN8n(): Promise<void> {
		this.assertBooted();
		await stopN8n(this.state.pid);
		this.state.pid = await startN8n(this.state);
		writeState(this.state);
		this.cookie = undefined;
	}

	private assertBooted(): void {
		if (this.state.bootError)
			throw new Error(`n8n could not be booted for the e2e tests:\n${this.state.bootError}`);
	}

	private async staticTypes(kind: 'nodes' | 'credentials'): Promise<Array<{ name: string }>> {
		const response = await this.authorized('GET', `/types/${kind}.json`);
		return (await response.json()) as Array<{ name: string }>;
	}

	private async login(): Promise<string> {
		const response = await this.send('POST', '/rest/login', {
			emailOrLdapLoginId: this.state.owner.email,
			password: this.state.owner.password,
		});
		if (!response.ok) throw await this.failure('POST', '/rest/login', response);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n login set no n8n-auth cookie');
		return cookie.split(';')[0];
	}

	private async authorized(method: string, urlPath: string, body?: unknown): Promise<Response> {
		this.assertBooted();
		this.cookie ??= this.login();
		const response = await this.send(method, urlPath, body, await this.cookie);
		if (!response.ok) throw await this.failure(method, urlPath, response);
		return response;
	}

	/** A REST call; n8n wraps every answer in `{ data }`. */
	private async request<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const response = await this.authorized(method, urlPath, body);
		return ((await response.json()) as { data: T }).data;
	}

	private async send(
		method: string,
		urlPath: string,
		body?: unknown,
		cookie?: string,
	): Promise<Response> {
		return await fetch(`${this.state.baseUrl}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				// the auth cookie is bound to the browser id it was issued for
				'browser-id': 'n8n-e2e-harness',
				...(cookie && { cookie }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	private async failure(method: string, urlPath: string, response: Response): Promise<Error> {
		const text = await response.text();
		const message = (() => {
			try {
				return (JSON.parse(text) as { message?: string }).message ?? text;
			} catch {
				return text;
			}
		})();
		return new Error(
			`${method} ${urlPath} -> ${response.status}: ${message}\n${logTail(this.state, 30)}`,
		);
	}
}

/** The client of this test file; state comes from the file global setup wrote. */
export const n8n = new N8nClient();
