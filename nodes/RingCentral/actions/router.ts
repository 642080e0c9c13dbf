import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemsInParallel, runPerItem } from '../../shared/items';

import * as callLog from './callLog/CallLog.resource';
import * as contact from './contact/Contact.resource';
import * as message from './message/Message.resource';
import type { RingCentralType } from './node.type';

type Operation = {
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
};

const operations: Record<RingCentralType['resource'], Record<string, Operation>> = {
	callLog: { get: callLog.get, getAll: callLog.getAll },
	contact: {
		create: contact.create,
		delete: contact.delete,
		get: contact.get,
		getAll: contact.getAll,
		update: contact.update,
	},
	message: { get: message.get, getAll: message.getAll, sendSms: message.sendSms },
};

/** Runs the chosen operation for every input item (see runPerItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, itemsInParallel(this), async (itemIndex) => {
		const resource = this.getNodeParameter('resource', itemIndex) as RingCentralType['resource'];
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const handler = operations[resource]?.[operation];
		if (!handler) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`, {
				itemIndex,
			});
		}
		return await handler.execute.call(this, itemIndex);
	});
}
