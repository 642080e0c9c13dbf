import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { filtersProperty, limitProperty, returnAllProperty } from '../../descriptions/common';
import { dropEmpty } from '../../helpers/query';
import { defaultCountry, requirePhone } from '../../helpers/validation';
import { ringCentralApiRequestAllItems } from '../../transport';
import { limitOf, perPageFor } from '../common';
import { addressBookPath } from './common';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	filtersProperty(
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			description: 'Only contacts with this number (any common format)',
		},
		{
			displayName: 'Starts With',
			name: 'startsWith',
			type: 'string',
			default: '',
			description: 'Only contacts whose first name, last name or company starts with this text',
		},
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Default Phone Country',
				name: 'defaultCountry',
				type: 'string',
				default: 'US',
				description:
					'Two-letter ISO country code assumed for a Phone Number filter written without a country code',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				options: [
					{ name: 'Company', value: 'Company' },
					{ name: 'First Name', value: 'FirstName' },
					{ name: 'Last Name', value: 'LastName' },
				],
				default: 'FirstName',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = limitOf.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const country = defaultCountry.call(this, options, itemIndex);
	const phoneNumber = filters.phoneNumber
		? requirePhone.call(this, filters.phoneNumber, 'Phone Number', itemIndex, country)
		: undefined;
	const qs: IDataObject = {
		startsWith: filters.startsWith,
		phoneNumber,
		sortBy: options.sortBy,
		perPage: perPageFor(limit),
	};
	return await ringCentralApiRequestAllItems.call(
		this,
		'GET',
		addressBookPath.call(this, itemIndex),
		undefined,
		dropEmpty(qs),
		{ limit },
	);
}
