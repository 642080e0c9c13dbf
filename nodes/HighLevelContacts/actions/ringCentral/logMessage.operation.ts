import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	activityProperties,
	addConversationMessageOnce,
	addNoteOnce,
	contactFor,
	conversationProviderOf,
	markerOf,
	noteLines,
	partyLabel,
	readActivity,
} from '../../helpers/activity';

/** RingCentral voicemail attachments: the audio and, when transcribed, the text. */
const attachmentLink = (type: string) =>
	`={{ (($json.raw ?? $json).attachments ?? []).find((attachment) => attachment.type === '${type}')?.uri }}`;

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'activityId',
		type: 'string',
		default: '={{ $json.id }}',
		description: 'Identifies the message in HighLevel so it is logged once',
	},
	...activityProperties('message'),
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'string',
		default: '={{ $json.type }}',
		description: 'E.g. SMS or VoiceMail.',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '={{ $json.text ?? $json.subject }}',
	},
	{
		displayName: 'Time',
		name: 'time',
		type: 'string',
		default: '={{ $json.creationTime }}',
		description: 'ISO 8601 date and time (e.g. 2026-03-01T09:30:00Z), or epoch milliseconds',
	},
	{
		displayName: 'Voicemail Transcript Link',
		name: 'transcriptLink',
		type: 'string',
		default: attachmentLink('AudioTranscription'),
	},
	{
		displayName: 'Voicemail Recording Link',
		name: 'recordingLink',
		type: 'string',
		default: attachmentLink('AudioRecording'),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['ringCentral'], operation: ['logMessage'] } },
	properties,
);

/** A mapped value as text; expressions may give numbers (a text "42"), but never objects. */
const optional = (value: unknown) =>
	((typeof value === 'string' || typeof value === 'number') && String(value).trim()) || undefined;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const message = readActivity(this, i, 'Message ID');
	const type = optional(this.getNodeParameter('messageType', i, '')) ?? 'SMS';
	const voicemail = /voice/i.test(type);
	const marker = markerOf('message', message.id);
	const conversationProviderId = await conversationProviderOf.call(this, i);

	const found = await contactFor.call(this, i, message);
	if (!found) {
		return {
			action: 'skipped',
			reason: 'No HighLevel contact has this number',
			phone: message.contactPhone,
			messageId: message.id,
		};
	}
	const contactId = String(found.contact.id);
	const inbound = message.direction === 'Inbound';
	const transcript = optional(this.getNodeParameter('transcriptLink', i, ''));
	const recording = optional(this.getNodeParameter('recordingLink', i, ''));
	const text = noteLines([
		['', `${message.direction} ${voicemail ? 'voicemail' : type}`],
		['Time', message.time],
		[inbound ? 'From' : 'To', partyLabel(message.contactPhone, message.contactName)],
		[inbound ? 'To' : 'From', (inbound ? message.to : message.from) ?? undefined],
		['Text', optional(this.getNodeParameter('text', i, ''))],
		['Transcript', transcript],
		['Recording', recording],
	]);

	const logged = conversationProviderId
		? await addConversationMessageOnce.call(this, conversationProviderId, contactId, marker, {
				// HighLevel has no voicemail type for external messages; a voicemail is a call that reached it
				type: voicemail ? 'Call' : 'SMS',
				// RingCentral voicemails are always left by the caller
				direction: voicemail ? 'Inbound' : message.direction,
				text,
				date: message.time,
				call: voicemail
					? { from: message.from ?? undefined, to: message.to ?? undefined, status: 'voicemail' }
					: undefined,
				attachments: [recording, transcript].filter((link): link is string => link !== undefined),
			})
		: await addNoteOnce.call(this, contactId, marker, text);
	return {
		action: logged.written || found.created ? 'logged' : 'unchanged',
		contactId,
		contactCreated: found.created,
		messageId: message.id,
		[conversationProviderId ? 'conversationMessageId' : 'noteId']: logged.id,
	};
}
