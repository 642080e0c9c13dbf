import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator, returnAllOrLimit } from '../../descriptions/common';
import { contactIdFrom } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

const properties: INodeProperties[] = [contactLocator, ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['appointment'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const contactId = contactIdFrom(this, i);
	const { events } = await highLevelApiRequest.call(
		this,
		'GET',
		path`/contacts/${contactId}/appointments`,
	);
	const all = (events ?? []) as IDataObject[];
	return this.getNodeParameter('returnAll', i)
		? all
		: all.slice(0, this.getNodeParameter('limit', i) as number);
}
