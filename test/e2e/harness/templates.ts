import { readFileSync } from 'fs';
import path from 'path';

import type { INodeCredentials } from 'n8n-workflow';

import type { WorkflowDefinition } from './n8n';

export const TEMPLATES_DIR = path.resolve(__dirname, '../../../templates');

/** Templates name node types as the installed package does; loaded as a custom extension they are `CUSTOM.<name>`. */
const PACKAGE_PREFIX = 'n8n-nodes-ringcentral-highlevel.';

export interface CredentialRef {
	id: string;
	name: string;
}

/**
 * A template as a user imports it into an n8n where this package is a custom extension: node types rewritten, and
 * each credential placeholder bound to the given credential of the same type (as the user would pick it).
 */
export function loadTemplate(
	file: string,
	credentials: Record<string, CredentialRef>,
): WorkflowDefinition {
	const workflow = JSON.parse(
		readFileSync(path.resolve(TEMPLATES_DIR, file), 'utf8'),
	) as WorkflowDefinition;
	const nodes = workflow.nodes.map((node) => ({
		...node,
		type: node.type.replace(PACKAGE_PREFIX, 'CUSTOM.'),
		...(node.credentials && {
			credentials: Object.fromEntries(
				Object.keys(node.credentials).map((type) => {
					const { id, name } = credentials[type] ?? {};
					if (!id) throw new Error(`${file}: no credential of type ${type} to bind`);
					return [type, { id, name }];
				}),
			) as INodeCredentials,
		}),
	}));
	return { ...workflow, nodes };
}
