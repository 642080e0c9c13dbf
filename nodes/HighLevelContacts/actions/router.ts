import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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

/** Runs the chosen operation once per input item; every output item is paired with the item it came from. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const execute = operationFor.call(
		this,
		this.getNodeParameter('resource', 0) as string,
		this.getNodeParameter('operation', 0) as string,
	);

	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const data = await execute.call(this, i);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
					itemData: { item: i },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
				continue;
			}
			// Both constructors hand back an error that is already theirs, so the item index is set on it first.
			if (error instanceof NodeApiError) {
				error.context.itemIndex ??= i;
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			if (error instanceof NodeOperationError) error.context.itemIndex ??= i;
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [returnData];
}
