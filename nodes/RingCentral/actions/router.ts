import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemsInParallel, mapInParallel } from '../../shared/items';

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

/**
 * Runs the chosen operation once per input item, up to "Items in Parallel" at a time; the output keeps the input
 * order and every output item points back to the item it came from.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();

	const results = await mapInParallel(items.length, itemsInParallel(this), async (itemIndex) => {
		const resource = this.getNodeParameter('resource', itemIndex) as RingCentralType['resource'];
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const handler = operations[resource]?.[operation];
		if (!handler) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" is not supported`,
				{
					itemIndex,
				},
			);
		}
		try {
			const responseData = await handler.execute.call(this, itemIndex);
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(responseData), {
				itemData: { item: itemIndex },
			});
		} catch (error) {
			if (this.continueOnFail()) {
				return [{ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } }];
			}
			const nodeError =
				error instanceof NodeApiError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			nodeError.context.itemIndex ??= itemIndex;
			throw nodeError;
		}
	});

	return [results.flat()];
}
