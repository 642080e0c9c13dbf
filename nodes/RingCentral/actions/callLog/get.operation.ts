import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withE164 } from '../../helpers/items';
import { defaultCountry, requireId } from '../../helpers/validation';
import { optionsProperty } from '../../descriptions/common';
import { ringCentralApiRequest } from '../../transport';
import { callLogPath, viewOption } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Call Record ID',
		name: 'callRecordId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of a call-log record',
	},
	optionsProperty(viewOption),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callLog'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId.call(this, 'callRecordId', 'Call Record ID', itemIndex, 'token');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const country = defaultCountry.call(this, options, itemIndex);
	const path = `${callLogPath.call(this, itemIndex)}/${id}`;
	const record = await ringCentralApiRequest.call(this, 'GET', path, undefined, {
		view: options.view ?? 'Simple',
	});
	return withE164(record, country);
}
