/** The harness itself against the real n8n: our package is loaded, workflows run, webhooks activate, OAuth2 token
 * data survives storage, and a restart keeps the database. */
import { randomUUID } from 'crypto';
import path from 'path';

import { chain, n8n, nodeType, type WorkflowDefinition } from './harness/n8n';
import pkg from '../../package.json';

/** `dist/nodes/X/X.node.js` -> `x...`: n8n's type name is the file's class name in lowerCamelCase */
function typeName(file: string): string {
	const base = path.basename(file).replace(/\.(node|credentials)\.js$/, '');
	return base[0].toLowerCase() + base.slice(1);
}

describe('n8n with this package as a custom extension', () => {
	let nodeTypes: string[];
	let credentialTypes: string[];
	beforeAll(async () => {
		[nodeTypes, credentialTypes] = await Promise.all([
			n8n.loadedNodeTypes(),
			n8n.loadedCredentialTypes(),
		]);
	});

	test.each(pkg.n8n.nodes.map(typeName))('loads node %s', (name) => {
		expect(nodeTypes).toContain(nodeType(name));
	});
	test.each(pkg.n8n.credentials.map(typeName))('loads credential %s', (name) => {
		expect(credentialTypes).toContain(name);
	});
});

const setDouble = {
	name: 'Double',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		includeOtherFields: true,
		assignments: {
			assignments: [{ id: 'd', name: 'double', value: '={{ $json.a * 2 }}', type: 'number' }],
		},
		options: {},
	},
};

describe('runWorkflow', () => {
	test('feeds the input items through a Manual Trigger and returns every node output', async () => {
		const input = [{ a: 1 }, { a: 21 }];
		const result = await n8n.runWorkflow({ nodes: [setDouble], connections: {} }, input);

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.json('Start')).toEqual(input);
		expect(result.json()).toEqual(input.map((item) => ({ ...item, double: item.a * 2 })));
	});

	test('reports the execution error of a failing workflow', async () => {
		const result = await n8n.runWorkflow({
			nodes: [
				{ name: 'Trigger', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				{
					name: 'Fail',
					type: 'n8n-nodes-base.stopAndError',
					parameters: { errorMessage: 'smoke failure' },
				},
			],
			connections: chain('Trigger', 'Fail'),
		});

		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ message: 'smoke failure', node: 'Fail' });
		expect(result.ran('Trigger')).toBe(true);
	});
});

/** A workflow that runs n8n's Webhook node, active or not. */
function webhookWorkflow(): {
	workflow: WorkflowDefinition;
	deliver: (body: object) => Promise<Response>;
} {
	const webhookPath = `smoke-${randomUUID()}`;
	return {
		workflow: {
			nodes: [
				{
					name: 'Hook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					parameters: { path: webhookPath, httpMethod: 'POST' },
				},
				{ name: 'Done', type: 'n8n-nodes-base.noOp', parameters: {} },
			],
			connections: chain('Hook', 'Done'),
		},
		deliver: async (body: object) =>
			await fetch(n8n.webhookUrl(webhookPath), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			}),
	};
}

describe('activateWorkflow', () => {
	test('serves the webhook while active, records its executions, and stops serving when deactivated', async () => {
		const { workflow, deliver } = webhookWorkflow();
		const id = await n8n.activateWorkflow(workflow);

		expect((await deliver({ a: 5 })).status).toBe(200);
		const [execution] = await n8n.waitForExecutions(id, 1);
		const result = await n8n.getExecution(execution.id);
		expect(result.status).toBe('success');
		expect(result.json('Done')).toEqual([expect.objectContaining({ body: { a: 5 } })]);

		await n8n.deactivateWorkflow(id);
		expect((await deliver({ a: 6 })).status).toBe(404);
		expect(await n8n.listExecutions(id)).toHaveLength(1);
	});
});

describe('createCredential', () => {
	test('keeps pre-filled OAuth2 token data', async () => {
		const oauthTokenData = {
			access_token: 'at-1',
			refresh_token: 'rt-1',
			expires_in: 3600,
			locationId: 'loc-1',
		};
		const id = await n8n.createCredential('oAuth2Api', `smoke ${randomUUID()}`, {
			grantType: 'authorizationCode',
			authUrl: 'http://127.0.0.1:9/authorize',
			accessTokenUrl: 'http://127.0.0.1:9/token',
			clientId: 'client',
			clientSecret: 'secret',
			scope: 'contacts.readonly',
			authentication: 'header',
			oauthTokenData,
		});

		expect((await n8n.getCredentialData(id)).oauthTokenData).toEqual(oauthTokenData);
	});
});

describe('restartN8n', () => {
	test('keeps the database: active workflows serve again and their executions are still listed', async () => {
		const { workflow, deliver } = webhookWorkflow();
		const id = await n8n.activateWorkflow(workflow);
		expect((await deliver({ run: 1 })).status).toBe(200);
		await n8n.waitForExecutions(id, 1);

		await n8n.restartN8n();

		expect((await deliver({ run: 2 })).status).toBe(200);
		const executions = await n8n.waitForExecutions(id, 2);
		const latest = await n8n.getExecution(executions[0].id);
		expect(latest.json('Done')).toEqual([expect.objectContaining({ body: { run: 2 } })]);
	});
});
