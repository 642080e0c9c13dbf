import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	dateRangeFilters,
	directionFilter,
	filtersProperty,
	limitProperty,
	messageTypeOptions,
	optionsProperty,
	returnAllProperty,
} from '../../descriptions/common';
import { withE164 } from '../../helpers/items';
import { dropEmpty } from '../../helpers/query';
import { dateRange } from '../../helpers/validation';
import { ringCentralApiRequestAllItems } from '../../transport';
import { limitOf, optionsCountry, perPageFor } from '../common';
import { messageStorePath } from './common';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	filtersProperty(
		{
			displayName: 'Conversation ID',
			name: 'conversationId',
			type: 'string',
			default: '',
			description: 'Only messages of this SMS or pager conversation',
		},
		...dateRangeFilters,
		directionFilter,
		{
			displayName: 'Message Type',
			name: 'messageType',
			type: 'multiOptions',
			options: messageTypeOptions,
			default: [],
		},
	),
	optionsProperty(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = limitOf.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const country = optionsCountry.call(this, itemIndex);
	const { dateFrom, dateTo } = dateRange.call(this, filters, itemIndex);
	const conversationId = String(filters.conversationId ?? '').trim();
	if (conversationId !== '' && !/^\d+$/.test(conversationId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Conversation ID "${conversationId}" is not valid: expected a number [item ${itemIndex}]`,
			{ itemIndex },
		);
	}
	const qs: IDataObject = {
		messageType: filters.messageType,
		direction: filters.direction,
		conversationId,
		dateFrom,
		dateTo,
		perPage: perPageFor(limit),
	};
	const records = await ringCentralApiRequestAllItems.call(
		this,
		'GET',
		messageStorePath.call(this, itemIndex),
		undefined,
		dropEmpty(qs),
		{ limit },
	);
	return records.map((record) => withE164(record, country));
}
