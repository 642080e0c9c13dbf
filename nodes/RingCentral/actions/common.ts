import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defaultCountry } from '../helpers/validation';

/** The Default Country of the "Options" collection (optionsProperty). */
export function optionsCountry(this: IExecuteFunctions, itemIndex: number): string {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return defaultCountry.call(this, options, itemIndex);
}

/** "Return All" / "Limit" as the most records to return; undefined means all. */
export function limitOf(this: IExecuteFunctions, itemIndex: number): number | undefined {
	return this.getNodeParameter('returnAll', itemIndex)
		? undefined
		: (this.getNodeParameter('limit', itemIndex) as number);
}

/** Big pages save requests (list endpoints allow 1000), but none bigger than the limit needs. */
export const perPageFor = (limit: number | undefined) =>
	limit === undefined ? 1000 : Math.min(limit, 1000);
