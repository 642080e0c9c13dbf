import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { userIdParameter } from '../../descriptions/common';
import type { Activity, Written } from '../../helpers/activity';
import {
	activityProperties,
	addConversationMessageOnce,
	addNoteOnce,
	contactFor,
	conversationProviderOf,
	dropIfMarkedTwice,
	markedRecords,
	markerOf,
	noteLines,
	partyLabel,
	readActivity,
	tagsMissingFrom,
} from '../../helpers/activity';
import { listOf } from '../../helpers/validation';
import { highLevelApiRequest, path } from '../../transport';

const whenTask = { show: { missedCallTask: [true] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'activityId',
		type: 'string',
		default: '={{ $json.telephonySessionId ?? $json.id }}',
		description:
			'Identifies the call in HighLevel so it is logged once. The telephony session ID is the same in call events and call-log records.',
	},
	...activityProperties('call'),
	{
		displayName: 'Result',
		name: 'result',
		type: 'string',
		default: '={{ $json.result }}',
		description: 'E.g. Answered, Missed, Voicemail.',
	},
	{
		displayName: 'Start Time',
		name: 'time',
		type: 'string',
		default: '={{ $json.startTime }}',
		description: 'ISO 8601 date and time (e.g. 2026-03-01T09:30:00Z), or epoch milliseconds',
	},
	{
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'string',
		default: '={{ $json.duration }}',
	},
	{
		displayName: 'Recording Link',
		name: 'recordingLink',
		type: 'string',
		default: '={{ ($json.raw ?? $json).recording?.contentUri }}',
	},
	{
		displayName: 'Missed Call Results',
		name: 'missedResults',
		type: 'string',
		default: 'Missed',
		description:
			'Comma-separated results that count as a missed call, which is when the follow-up below applies (e.g. Missed, Voicemail)',
	},
	{
		displayName: 'Missed Call Task',
		name: 'missedCallTask',
		type: 'boolean',
		default: false,
		description: 'Whether to create a follow-up task on the contact for a missed call',
	},
	{
		displayName: 'Task Due In (Minutes)',
		name: 'taskDueMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description: 'Minutes after the start of the call',
		displayOptions: whenTask,
	},
	{
		...userIdParameter('Task Assigned User Name or ID', 'taskAssignedTo', 'User who calls back'),
		displayOptions: whenTask,
	},
	{
		displayName: 'Missed Call Tags',
		name: 'missedCallTags',
		type: 'string',
		default: '',
		placeholder: 'e.g. missed call',
		description:
			'Comma-separated tags to add to the contact after a missed call; the contact keeps its other tags',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ringCentral'], operation: ['logCall'] } },
	properties,
);

function durationText(seconds: unknown): string | undefined {
	const total = Number(seconds);
	if (seconds === null || seconds === '' || !Number.isFinite(total)) return undefined;
	const minutes = Math.floor(total / 60);
	return minutes ? `${minutes} min ${total % 60} s` : `${total} s`;
}

/** The conversation API's call status for a RingCentral call result. */
function callStatus(result: string | undefined): string {
	if (result === 'Voicemail') return 'voicemail';
	if (result === 'Busy') return 'busy';
	if (['Missed', 'Not Answered', 'No Answer', 'Rejected'].includes(result ?? ''))
		return 'no-answer';
	return 'completed';
}

function callNote(
	call: Activity,
	result: string | undefined,
	duration: unknown,
	recording?: string,
) {
	return noteLines([
		['', `${call.direction} call${result ? ` - ${result}` : ''}`],
		['Time', call.time],
		['Duration', durationText(duration)],
		[call.direction === 'Inbound' ? 'From' : 'To', partyLabel(call.contactPhone, call.contactName)],
		[
			call.direction === 'Inbound' ? 'To' : 'From',
			(call.direction === 'Inbound' ? call.to : call.from) ?? undefined,
		],
		['Recording', recording],
	]);
}

/** A missed call's task, once: due a set time after the call, so a re-run computes the same due date. */
async function addFollowUpTaskOnce(
	this: IExecuteFunctions,
	i: number,
	contactId: string,
	marker: string,
	call: Activity,
): Promise<Written> {
	const [existing] = await markedRecords.call(this, contactId, 'tasks', marker);
	if (existing) return { id: String(existing.id), written: false };
	const minutes = this.getNodeParameter('taskDueMinutes', i, 60) as number;
	const start = call.time ? Date.parse(call.time) : Date.now();
	const assignedTo = this.getNodeParameter('taskAssignedTo', i, '') as string;
	const { task } = await highLevelApiRequest.call(
		this,
		'POST',
		path`/contacts/${contactId}/tasks`,
		{
			body: {
				title: `Call back ${partyLabel(call.contactPhone, call.contactName)} ${marker}`,
				body: `Missed call${call.time ? ` at ${call.time}` : ''}`,
				dueDate: new Date(start + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
				completed: false,
				...(assignedTo ? { assignedTo } : {}),
			},
			scope: 'contacts.write',
		},
	);
	return { id: String((task as IDataObject).id), written: true };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const call = readActivity(this, i, 'Call ID');
	const result = (this.getNodeParameter('result', i, '') as string | null) || undefined;
	const duration = this.getNodeParameter('duration', i, null);
	const recording = (this.getNodeParameter('recordingLink', i, '') as string | null) || undefined;
	const missed =
		result !== undefined &&
		listOf(this.getNodeParameter('missedResults', i, 'Missed')).includes(result);
	const conversationProviderId = await conversationProviderOf.call(this, i);
	if (conversationProviderId && call.direction === 'Outbound' && !call.time) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Start Time" field of item ${i} is empty: an outbound call is logged as a conversation message without text, so its time is what finds it again`,
			{ itemIndex: i },
		);
	}
	const marker = markerOf('call', call.id);

	const found = await contactFor.call(this, i, call);
	if (!found) {
		return {
			action: 'skipped',
			reason: 'No HighLevel contact has this number',
			phone: call.contactPhone,
			callId: call.id,
		};
	}
	const contactId = String(found.contact.id);

	const output: IDataObject = { contactId, contactCreated: found.created, callId: call.id };
	let task: Written | undefined;
	// done before the note (or message), which marks the call as logged
	const followUps = async () => {
		if (!missed) return;
		if (this.getNodeParameter('missedCallTask', i, false)) {
			task = await addFollowUpTaskOnce.call(this, i, contactId, marker, call);
			output.taskId = task.id;
		}
		// only missing tags are sent; not counted as a write, since adding a tag twice changes nothing
		const tags = tagsMissingFrom(
			found.contact,
			listOf(this.getNodeParameter('missedCallTags', i, '')),
		);
		if (tags.length) {
			const response = await highLevelApiRequest.call(
				this,
				'POST',
				path`/contacts/${contactId}/tags`,
				{
					body: { tags },
					scope: 'contacts.write',
					idempotent: true,
				},
			);
			output.tags = response.tags;
		}
	};

	const text = callNote(call, result, duration, recording);
	const logged = conversationProviderId
		? await addConversationMessageOnce.call(
				this,
				conversationProviderId,
				contactId,
				marker,
				{
					type: 'Call',
					direction: call.direction,
					text,
					date: call.time,
					call: {
						from: call.from ?? undefined,
						to: call.to ?? undefined,
						status: callStatus(result),
					},
					attachments: recording ? [recording] : [],
				},
				followUps,
			)
		: await addNoteOnce.call(this, contactId, marker, text, followUps);
	output[conversationProviderId ? 'conversationMessageId' : 'noteId'] = logged.id;

	// the concurrent run whose note stayed made its own task, or found this one
	if (logged.concurrent && task?.written) {
		if (await dropIfMarkedTwice.call(this, contactId, 'tasks', marker, task.id))
			delete output.taskId;
	}
	const written = logged.written || found.created;
	return { action: written ? 'logged' : 'unchanged', ...output };
}
