import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemsInParallel, runPerItem } from '../../shared/items';

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

/** Runs the chosen operation for every input item (see runPerItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const execute = operationFor.call(
		this,
		resource,
		this.getNodeParameter('operation', 0) as string,
	);
	// The RingCentral activity operations look in HighLevel before writing (a contact's conversation, a logged
	// activity): two items of one run doing that at once could both find nothing and both write.
	const limit = resource === 'ringCentral' ? 1 : itemsInParallel(this);
	return await runPerItem(this, limit, async (i) => await execute.call(this, i));
}
