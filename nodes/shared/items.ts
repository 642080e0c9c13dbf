import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

const MAX_ITEMS_IN_PARALLEL = 50;

/** The "Items in Parallel" entry of both action nodes' "Request Options", read by itemsInParallel(). */
export const itemsInParallelOption: INodeProperties = {
	displayName: 'Items in Parallel',
	name: 'itemsInParallel',
	type: 'number',
	noDataExpression: true,
	typeOptions: { minValue: 1, maxValue: MAX_ITEMS_IN_PARALLEL },
	default: 1,
	description:
		'How many items are sent at once. More is faster when the rate limit is not what holds the run back; the pacing still keeps within it. The output keeps the input order. With more than 1, items that change the same record may reach it in any order, and when an item fails, up to this many minus 1 later items may already have been sent.',
};

/** The node's "Items in Parallel" request option, 1 when unset or out of range. */
export function itemsInParallel(context: IExecuteFunctions): number {
	const { itemsInParallel: wanted } = context.getNodeParameter(
		'requestOptions',
		0,
		{},
	) as IDataObject;
	return Math.min(Math.max(Math.trunc(Number(wanted)) || 1, 1), MAX_ITEMS_IN_PARALLEL);
}

/**
 * Runs `run(0)` to `run(count - 1)`, starting them in index order with at most `limit` running at once, and
 * resolves with their results in index order. After a rejection no further index starts; those already running
 * finish, then the rejection of the lowest index is thrown. With a limit of 1 this is the plain sequential loop.
 */
export async function mapInParallel<T>(
	count: number,
	limit: number,
	run: (index: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = new Array(count);
	const failures: Array<{ index: number; error: unknown }> = [];
	let next = 0;

	const worker = async () => {
		while (next < count && failures.length === 0) {
			const index = next++;
			try {
				results[index] = await run(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));

	const [first] = failures.sort((a, b) => a.index - b.index);
	if (first) throw first.error;
	return results;
}

/**
 * The item loop of both action nodes: runs `run` once per input item, up to `limit` at a time; the output keeps the
 * input order and every output item is paired with the item it came from. With Continue On Fail a failing item
 * becomes an error item in its place; otherwise the failure of the lowest item index stops the node, carrying it.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	limit: number,
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const results = await mapInParallel(context.getInputData().length, limit, async (i) => {
		try {
			return context.helpers.constructExecutionMetaData(
				context.helpers.returnJsonArray(await run(i)),
				{ itemData: { item: i } },
			);
		} catch (error) {
			if (context.continueOnFail()) {
				return [{ json: { error: (error as Error).message }, pairedItem: { item: i } }];
			}
			// Both constructors hand back an error that is already theirs, so the item index is set on it first.
			if (error instanceof NodeApiError) {
				error.context.itemIndex ??= i;
				throw new NodeApiError(context.getNode(), error as unknown as JsonObject);
			}
			if (error instanceof NodeOperationError) error.context.itemIndex ??= i;
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: i });
		}
	});
	return [results.flat()];
}
