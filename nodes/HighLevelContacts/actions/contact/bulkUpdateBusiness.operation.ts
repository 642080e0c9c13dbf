import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactIdsParameter } from '../../descriptions/common';
import { validId, validIdList } from '../../helpers/validation';
import { getConnection, highLevelApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	contactIdsParameter,
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		default: '',
		description:
			'Business to attach the contacts to; leave empty to detach them from their business',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['bulkUpdateBusiness'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const ids = validIdList(this, this.getNodeParameter('contactIds', i), 'Contact IDs', i);
	const businessId = this.getNodeParameter('businessId', i, '') as string;
	const { locationId } = await getConnection.call(this);
	return await highLevelApiRequest.call(this, 'POST', '/contacts/bulk/business', {
		body: {
			locationId,
			ids,
			businessId: businessId ? validId(this, businessId, 'Business ID', i) : null,
		},
		scope: 'contacts.write',
	});
}
