import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defaultCountry } from '../helpers/validation';

/** The Default Phone Country of the "Options" collection (optionsProperty). */
export function optionsCountry(this: IExecuteFunctions, itemIndex: number): string {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return defaultCountry.call(this, options, itemIndex);
}

/**
 * "Return All" / "Limit" as the most records to return; undefined means all. The editor keeps Limit at 1 or more,
 * but an expression may give 0 or a fraction, which the API refuses as a page size.
 */
export function limitOf(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex)) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex) as number;
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Limit ${JSON.stringify(limit)} is not valid: expected a whole number of at least 1 [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	return limit;
}

/** Big pages save requests (list endpoints allow 1000), but none bigger than the limit needs. */
export const perPageFor = (limit: number | undefined) =>
	limit === undefined ? 1000 : Math.min(limit, 1000);
