import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The "Return All" / "Limit" pair (returnAllOrLimit) as the most items to return; undefined means all. The editor
 * keeps Limit at 1 or more, but an expression may give 0 or a fraction, which would become a bad page size.
 */
export function limitFrom(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex)) return undefined;
	const limit = ctx.getNodeParameter('limit', itemIndex) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The "Limit" field of item ${itemIndex} must be a whole number of at least 1: ${JSON.stringify(limit)}`,
			{ itemIndex },
		);
	}
	return limit;
}

/** HighLevel returns a contact's notes, tasks and appointments in one unpaged list, so the limit is applied here. */
export function upToLimit(ctx: IExecuteFunctions, itemIndex: number, list: unknown): IDataObject[] {
	const all = (list ?? []) as IDataObject[];
	return all.slice(0, limitFrom(ctx, itemIndex));
}
