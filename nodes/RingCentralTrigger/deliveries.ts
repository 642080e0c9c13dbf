import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { ringCentralApiRequest } from '../RingCentral/transport';
import { callParties, e164Of, simplifyMessage } from '../RingCentral/helpers/items';
import { RecentMemory } from './memory';
import type { CallProgress, TriggerEvent, TriggerState } from './subscription';

/** Enough to recognise a retried delivery or a repeated status; old entries are dropped first. */
const MAX_REMEMBERED = 200;

/** Outlasts RingCentral's redeliveries and most calls; static data covers longer ones. */
const MEMORY_TTL_MS = 60 * 60 * 1000;
/** Shared by every trigger node of this process. */
const MEMORY_CAPACITY = 10_000;

const seenDeliveries = new RecentMemory<true>(MEMORY_CAPACITY, MEMORY_TTL_MS);
const callProgress = new RecentMemory<CallProgress>(MEMORY_CAPACITY, MEMORY_TTL_MS);

export interface Notification extends IDataObject {
	uuid?: string;
	event?: string;
	timestamp?: string;
	body?: IDataObject;
}

type EventItem = IDataObject & { eventType: TriggerEvent };

/** Keeps this node's memories apart from those of other nodes and workflows in the process. */
export function memoryScope(this: IWebhookFunctions): string {
	return `${this.getWorkflow().id ?? ''}/${this.getNode().id}`;
}

/**
 * False for a delivery already seen. True for a new one, which it marks as seen in this process at once,
 * before anything is awaited, so a copy arriving at the same moment is dropped.
 */
export function claimDelivery(scope: string, state: TriggerState, uuid: string | undefined): boolean {
	if (uuid === undefined) return true;
	const key = `${scope}/${uuid}`;
	if (seenDeliveries.get(key) || (state.recentDeliveries ?? []).includes(uuid)) return false;
	seenDeliveries.set(key, true);
	return true;
}

/** For a delivery that failed: RingCentral may send it again, and that copy must run. */
export function releaseDelivery(scope: string, uuid: string | undefined): void {
	if (uuid !== undefined) seenDeliveries.delete(`${scope}/${uuid}`);
}

/** Records a handled delivery in static data, which outlives this process. */
export function rememberDelivery(state: TriggerState, uuid: string | undefined): void {
	if (uuid === undefined) return;
	// reassigned, not pushed: n8n notices changes to static data through property writes
	state.recentDeliveries = [...(state.recentDeliveries ?? []), uuid].slice(-MAX_REMEMBERED);
}

function elapsedSeconds(from: string, to: string): number | null {
	const ms = Date.parse(to) - Date.parse(from);
	return Number.isNaN(ms) ? null : Math.round(ms / 1000);
}

/**
 * Telephony-session deliveries arrive once per status change of each party (Setup, Proceeding, Answered,
 * Disconnected...). A call is announced once, at the first ringing or answered status; it ends once, at
 * Disconnected. An inbound call that ends without having been answered is missed (RingCentral's own
 * `missedCall` flag wins when present).
 */
function callItems(body: IDataObject, state: TriggerState, scope: string): EventItem[] {
	const calls = { ...(state.calls ?? {}) };
	const eventTime = String(body.eventTime ?? new Date().toISOString());
	const items: EventItem[] = [];

	for (const party of (body.parties ?? []) as IDataObject[]) {
		const key = `${String(body.telephonySessionId)}/${String(party.id)}`;
		// this process's memory first: static data may predate a delivery handled at the same moment
		const progress: CallProgress | undefined = callProgress.get(`${scope}/${key}`) ?? calls[key];
		const remember = (next: CallProgress) => {
			calls[key] = next;
			callProgress.set(`${scope}/${key}`, next);
		};
		const status = (party.status ?? {}) as IDataObject;
		const inbound = party.direction === 'Inbound';
		const describe = (
			eventType: TriggerEvent,
			result: string,
			extra: IDataObject = {},
		): EventItem => ({
			eventType,
			telephonySessionId: body.telephonySessionId ?? null,
			sessionId: body.sessionId ?? null,
			partyId: party.id ?? null,
			extensionId: party.extensionId ?? null,
			direction: party.direction ?? null,
			...callParties(party),
			status: status.code ?? null,
			result,
			startTime: progress?.startedAt ?? eventTime,
			...extra,
			raw: body,
		});

		if (['Setup', 'Proceeding', 'Answered'].includes(status.code as string)) {
			const answered = status.code === 'Answered';
			if (!progress) {
				items.push(
					describe(inbound ? 'inboundCall' : 'outboundCall', answered ? 'Answered' : 'Ringing'),
				);
			}
			remember({
				startedAt: progress?.startedAt ?? eventTime,
				answered: (progress?.answered ?? false) || answered,
				ended: progress?.ended ?? false,
			});
		} else if (status.code === 'Disconnected' && !progress?.ended) {
			const answered = progress?.answered ?? false;
			const missed = inbound && ((party.missedCall as boolean | undefined) ?? !answered);
			const ending = {
				missed,
				answered,
				endTime: eventTime,
				duration: progress ? elapsedSeconds(progress.startedAt, eventTime) : null,
			};
			const result = missed ? 'Missed' : answered ? 'Answered' : 'Not Answered';
			items.push(describe('callEnded', result, ending));
			if (missed) items.push(describe('missedCall', result, ending));
			remember({ startedAt: progress?.startedAt ?? eventTime, answered, ended: true });
		}
	}

	state.calls = Object.fromEntries(Object.entries(calls).slice(-MAX_REMEMBERED));
	return items;
}

/** Message-store deliveries only say which messages are new; each one is read to get its content. */
async function outboundSmsItems(this: IWebhookFunctions, body: IDataObject): Promise<EventItem[]> {
	const changes = (body.changes ?? []) as IDataObject[];
	const ids = changes
		.filter((change) => change.type === 'SMS')
		.flatMap((change) => (change.newMessageIds ?? []) as Array<string | number>);
	const items: EventItem[] = [];
	for (const id of ids) {
		const message = await ringCentralApiRequest.call(
			this,
			'GET',
			`/restapi/v1.0/account/~/extension/~/message-store/${id}`,
		);
		if (message.type === 'SMS' && message.direction === 'Outbound') {
			items.push({ eventType: 'outboundSms', ...simplifyMessage(message) });
		}
	}
	return items;
}

function directoryItem(body: IDataObject): EventItem {
	const phoneNumbers = (body.phoneNumbers ?? []) as IDataObject[];
	return {
		eventType: 'directoryChanged',
		id: body.id ?? null,
		changeType: body.eventType ?? null,
		extensionType: body.type ?? null,
		status: body.status ?? null,
		firstName: body.firstName ?? null,
		lastName: body.lastName ?? null,
		name: body.name ?? null,
		email: body.email ?? null,
		extensionNumber: body.extensionNumber ?? null,
		phoneNumbersE164: phoneNumbers
			.map((entry) => e164Of(entry))
			.filter((phone): phone is string => phone !== null),
		raw: body,
	};
}

/** The items one delivery produces, whichever events were selected; the caller keeps the selected ones. */
export async function itemsFor(
	this: IWebhookFunctions,
	notification: Notification,
	selected: TriggerEvent[],
	state: TriggerState,
	scope: string,
): Promise<EventItem[]> {
	const body = notification.body ?? {};
	// the matched filter, with real ids instead of "~" and possibly a query string
	const path = String(notification.event ?? '').split('?')[0];

	if (path.endsWith('/telephony/sessions')) return callItems(body, state, scope);
	if (path.endsWith('/message-store/instant')) {
		return body.type === 'SMS' && body.direction === 'Inbound'
			? [{ eventType: 'inboundSms', ...simplifyMessage(body) }]
			: [];
	}
	if (path.endsWith('/message-store')) {
		return selected.includes('outboundSms') ? await outboundSmsItems.call(this, body) : [];
	}
	if (path.endsWith('/voicemail')) return [{ eventType: 'voicemail', ...simplifyMessage(body) }];
	if (path.endsWith('/directory/entries')) return [directoryItem(body)];
	return [];
}
