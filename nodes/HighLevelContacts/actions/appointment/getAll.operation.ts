import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactLocator, returnAllOrLimit } from '../../descriptions/common';
import { upToLimit } from '../../helpers/limit';
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
	return upToLimit(this, i, events);
}
