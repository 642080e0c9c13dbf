import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyParameter } from '../../descriptions/common';
import { simplifyContact } from '../../helpers/contacts';
import { limitFrom } from '../../helpers/limit';
import { validId } from '../../helpers/validation';
import { getConnection, highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		default: '',
		required: true,
	},
	...returnAllOrLimit(),
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Only contacts matching this text',
	},
	simplifyParameter,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getByBusiness'] } },
	properties,
);

const PAGE_SIZE = 100;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const businessId = validId(this, this.getNodeParameter('businessId', i), 'Business ID', i);
	const query = this.getNodeParameter('query', i, '') as string;
	const limit = limitFrom(this, i) ?? Infinity;
	const { locationId } = await getConnection.call(this);

	const contacts: IDataObject[] = [];
	while (contacts.length < limit) {
		const pageSize = Math.min(PAGE_SIZE, limit - contacts.length);
		const page = await highLevelApiRequest.call(
			this,
			'GET',
			path`/contacts/business/${businessId}`,
			{
				qs: {
					locationId,
					limit: String(pageSize),
					skip: String(contacts.length),
					...(query ? { query } : {}),
				},
			},
		);
		const records = (page.contacts ?? []) as IDataObject[];
		contacts.push(...records);
		if (records.length < pageSize) break;
	}
	return this.getNodeParameter('simplify', i) ? contacts.map(simplifyContact) : contacts;
}
