import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyParameter } from '../../descriptions/common';
import { simplifyContact } from '../../helpers/contacts';
import { limitFrom } from '../../helpers/limit';
import { highLevelApiRequestAllItems } from '../../transport';

/** HighLevel's longest search query. */
const MAX_QUERY_LENGTH = 75;

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'e.g. john@example.com',
		description: `Free-text search over name, email, phone and company (up to ${MAX_QUERY_LENGTH} characters)`,
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Filter',
		description: 'All filters must match',
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						options: [
							{ name: 'Assigned User ID', value: 'assignedTo' },
							{ name: 'City', value: 'city' },
							{ name: 'Company Name', value: 'companyName' },
							{ name: 'Country', value: 'country' },
							{ name: 'Date Added', value: 'dateAdded' },
							{ name: 'Date Updated', value: 'dateUpdated' },
							{ name: 'Do Not Disturb', value: 'dnd' },
							{ name: 'Email', value: 'email' },
							{ name: 'First Name', value: 'firstNameLowerCase' },
							{ name: 'Last Name', value: 'lastNameLowerCase' },
							{ name: 'Phone', value: 'phone' },
							{ name: 'Postal Code', value: 'postalCode' },
							{ name: 'Source', value: 'source' },
							{ name: 'State', value: 'state' },
							{ name: 'Tags', value: 'tags' },
							{ name: 'Type', value: 'type' },
						],
						default: 'email',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: [
							{ name: 'Contains', value: 'contains' },
							{ name: 'Does Not Contain', value: 'not_contains' },
							{ name: 'Does Not Exist', value: 'not_exists' },
							{ name: 'Exists', value: 'exists' },
							{ name: 'Is Equal To', value: 'eq' },
							{ name: 'Is Not Equal To', value: 'not_eq' },
						],
						default: 'eq',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { hide: { operator: ['exists', 'not_exists'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Sort',
		options: [
			{
				displayName: 'Sort',
				name: 'sortBy',
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'options',
						options: [
							{ name: 'Date Added', value: 'dateAdded' },
							{ name: 'Date Updated', value: 'dateUpdated' },
							{ name: 'First Name', value: 'firstNameLowerCase' },
							{ name: 'Last Name', value: 'lastNameLowerCase' },
						],
						default: 'dateAdded',
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'desc',
					},
				],
			},
		],
	},
	simplifyParameter,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

function searchFilters(collection: IDataObject): IDataObject[] {
	return ((collection.filter ?? []) as IDataObject[]).map(({ field, operator, value }) =>
		operator === 'exists' || operator === 'not_exists'
			? { field, operator }
			: { field, operator, value },
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const query = String(this.getNodeParameter('query', i, '') ?? '').trim();
	if (query.length > MAX_QUERY_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Search Query" field of item ${i} is ${query.length} characters long; HighLevel accepts at most ${MAX_QUERY_LENGTH}`,
			{ itemIndex: i },
		);
	}
	const filters = searchFilters(this.getNodeParameter('filters', i, {}) as IDataObject);
	const sortBy = (this.getNodeParameter('sort', i, {}) as IDataObject).sortBy as
		IDataObject | undefined;
	const search: IDataObject = {
		...(query ? { query } : {}),
		...(filters.length ? { filters } : {}),
		...(sortBy ? { sort: [{ field: sortBy.field, direction: sortBy.direction }] } : {}),
	};
	const contacts = await highLevelApiRequestAllItems.call(this, search, limitFrom(this, i));
	return this.getNodeParameter('simplify', i) ? contacts.map(simplifyContact) : contacts;
}
