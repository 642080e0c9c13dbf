import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { itemsInParallelOption } from './items';

const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_MAX_WAIT_SECONDS = 60;

/**
 * The "Request Options" collection of both action nodes. The transports read it from the raw node parameters (so
 * the triggers, which have no such collection, get the defaults): the values are literals, never expressions.
 */
export function requestOptionsProperty(
	api: string,
	neverRepeated: string,
	itemsInParallel: INodeProperties = itemsInParallelOption,
): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			itemsInParallel,
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				noDataExpression: true,
				typeOptions: { minValue: 0, maxValue: 10 },
				default: DEFAULT_MAX_RETRIES,
				description: `How often a request is retried after a server error (5xx) or a lost connection. Rate limits (429) don't count: they are waited out. ${neverRepeated} is never retried after ${api} may have received it.`,
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				noDataExpression: true,
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_WAIT_SECONDS,
				description: `Longest single wait accepted for ${api}'s rate limit or a back-off. A longer wait fails the item with the reason.`,
			},
		],
	};
}

/** Max Retries and Max Wait as the resilience policy wants them, defaults where the node has no such option. */
export function retryOptions(node: INode): { maxRetries: number; maxWaitMs: number } {
	const options = (node.parameters.requestOptions ?? {}) as IDataObject;
	const number = (value: unknown, fallback: number) =>
		value === undefined || value === '' || Number.isNaN(Number(value)) ? fallback : Number(value);
	return {
		maxRetries: number(options.maxRetries, DEFAULT_MAX_RETRIES),
		maxWaitMs: number(options.maxWaitSeconds, DEFAULT_MAX_WAIT_SECONDS) * 1000,
	};
}
