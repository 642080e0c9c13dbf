import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemsInParallel, mapInParallel } from '../../shared/items';

import * as appointment from './appointment/Appointment.resource';
import * as contact from './contact/Contact.resource';
import * as note from './note/Note.resource';
import * as ringCentral from './ringCentral/RingCentral.resource';
import * as tag from './tag/Tag.resource';
import * as task from './task/Task.resource';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

const resources: Record<string, object> = { appointment, contact, note, ringCentral, tag, task };

function operationFor(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const module = (resources[resource] as Record<string, { execute?: Operation }> | undefined)?.[
		operation
	];
	if (!module?.execute) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return module.execute;
}

/**
 * Runs the chosen operation once per input item, up to "Items in Parallel" at a time; the output keeps the input
 * order and every output item is paired with the item it came from.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const execute = operationFor.call(
		this,
		resource,
		this.getNodeParameter('operation', 0) as string,
	);
	// The RingCentral activity operations look in HighLevel before writing (a contact's conversation, a logged
	// activity): two items of one run doing that at once could both find nothing and both write.
	const limit = resource === 'ringCentral' ? 1 : itemsInParallel(this);

	const results = await mapInParallel(items.length, limit, async (i) => {
		try {
			const data = await execute.call(this, i);
			return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
				itemData: { item: i },
			});
		} catch (error) {
			if (this.continueOnFail()) {
				return [{ json: { error: (error as Error).message }, pairedItem: { item: i } }];
			}
			// Both constructors hand back an error that is already theirs, so the item index is set on it first.
			if (error instanceof NodeApiError) {
				error.context.itemIndex ??= i;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			if (error instanceof NodeOperationError) error.context.itemIndex ??= i;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	});
	return [results.flat()];
}
