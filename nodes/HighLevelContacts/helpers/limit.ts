import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** The "Return All" / "Limit" pair (returnAllOrLimit) as the most items to return; undefined means all. */
export function limitFrom(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	return ctx.getNodeParameter('returnAll', itemIndex)
		? undefined
		: (ctx.getNodeParameter('limit', itemIndex) as number);
}

/** HighLevel returns a contact's notes, tasks and appointments in one unpaged list, so the limit is applied here. */
export function upToLimit(ctx: IExecuteFunctions, itemIndex: number, list: unknown): IDataObject[] {
	const all = (list ?? []) as IDataObject[];
	return all.slice(0, limitFrom(ctx, itemIndex));
}
