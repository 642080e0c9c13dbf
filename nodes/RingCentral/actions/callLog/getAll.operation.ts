import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withE164 } from '../../helpers/items';
import { dropEmpty } from '../../helpers/query';
import { dateRange, defaultCountry } from '../../helpers/validation';
import {
	dateRangeFilters,
	directionFilter,
	filtersProperty,
	limitProperty,
	optionsProperty,
	returnAllProperty,
} from '../../descriptions/common';
import { ringCentralApiRequestAllItems } from '../../transport';
import { limitOf, perPageFor } from '../common';
import { callLogPath, viewOption } from './common';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	filtersProperty(
		...dateRangeFilters,
		directionFilter,
		{
			displayName: 'Missed Only',
			name: 'missedOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep only calls whose result is "Missed" (filtered after download: the API has no such filter)',
		},
		{
			displayName: 'Type',
			name: 'type',
			type: 'multiOptions',
			options: [
				{ name: 'Voice', value: 'Voice' },
				{ name: 'Fax', value: 'Fax' },
			],
			default: [],
		},
		{
			displayName: 'With Recording',
			name: 'withRecording',
			type: 'boolean',
			default: false,
			description: 'Whether to return only calls that have a recording',
		},
	),
	optionsProperty(viewOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callLog'], operation: ['getAll'] } },
	properties,
);

const isMissed = (record: IDataObject) => record.result === 'Missed';

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = limitOf.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const country = defaultCountry.call(this, options, itemIndex);
	const { dateFrom, dateTo } = dateRange.call(this, filters, itemIndex);
	const missedOnly = filters.missedOnly === true;
	const qs: IDataObject = {
		dateFrom,
		dateTo,
		direction: filters.direction,
		type: filters.type,
		recordingType: filters.withRecording === true ? 'All' : undefined,
		view: options.view ?? 'Simple',
		// Heavy group (10 requests a minute), and a client-side filter may need many records per hit
		perPage: perPageFor(missedOnly ? undefined : limit),
	};
	const records = await ringCentralApiRequestAllItems.call(
		this,
		'GET',
		callLogPath.call(this, itemIndex),
		undefined,
		dropEmpty(qs),
		{ limit, keep: missedOnly ? isMissed : undefined },
	);
	return records.map((record) => withE164(record, country));
}
