import { randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ringCentralApiRequest } from '../RingCentral/transport';

export type TriggerEvent =
	| 'inboundCall'
	| 'outboundCall'
	| 'callEnded'
	| 'missedCall'
	| 'inboundSms'
	| 'outboundSms'
	| 'voicemail'
	| 'directoryChanged';

export const CALL_EVENTS: TriggerEvent[] = [
	'inboundCall',
	'outboundCall',
	'callEnded',
	'missedCall',
];

export type CallScope = 'extension' | 'account';

/** Where a call stands, remembered between the deliveries of one telephony session party. */
export interface CallProgress {
	startedAt: string;
	answered: boolean;
	ended: boolean;
}

/** What the trigger keeps in the workflow's static data. */
export interface TriggerState extends IDataObject {
	subscriptionId?: string;
	verificationToken?: string;
	expirationTime?: string;
	lifetimeSeconds?: number;
	recentDeliveries?: string[];
	calls?: Record<string, CallProgress>;
}

const SUBSCRIPTION = '/restapi/v1.0/subscription';

/** The longest WebHook lifetime RingCentral allows (spec: UpdateSubscriptionRequest.expiresIn, 10 years). */
export const MAX_LIFETIME_SECONDS = 315360000;

/** A subscription this close to its expiry is recreated on activation rather than trusted. */
const EXPIRY_MARGIN_MS = 24 * 60 * 60 * 1000;

/** The event filters that deliver the selected events. Calls all come from one telephony-sessions filter. */
export function eventFiltersFor(events: TriggerEvent[], scope: CallScope): string[] {
	const filters = events.map((event) => {
		if (CALL_EVENTS.includes(event)) {
			return scope === 'account'
				? '/restapi/v1.0/account/~/telephony/sessions'
				: '/restapi/v1.0/account/~/extension/~/telephony/sessions';
		}
		return {
			// instant notifications carry the whole inbound message
			inboundSms: '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
			// message-store notifications carry only ids, resolved when delivered
			outboundSms: '/restapi/v1.0/account/~/extension/~/message-store?type=SMS&direction=Outbound',
			voicemail: '/restapi/v1.0/account/~/extension/~/voicemail',
			directoryChanged: '/restapi/v1.0/account/~/directory/entries',
		}[event as string] as string;
	});
	return [...new Set(filters)].sort();
}

/** RingCentral answers with the real account and extension ids where the filter said "~". */
function normalizeFilter(filter: string): string {
	return filter.replace(/\/(account|extension)\/[^/?]+/g, '/$1/~');
}

function sameFilters(actual: unknown, expected: string[]): boolean {
	const normalized = Array.isArray(actual)
		? [...new Set(actual.map(String).map(normalizeFilter))].sort()
		: [];
	return normalized.join('\n') === expected.join('\n');
}

/** Only an active, unexpired subscription delivering the wanted filters to this webhook is worth keeping. */
export function isUsable(
	subscription: IDataObject,
	webhookUrl: string,
	eventFilters: string[],
	now = Date.now(),
): boolean {
	const deliveryMode = (subscription.deliveryMode ?? {}) as IDataObject;
	const expiresAt = Date.parse(String(subscription.expirationTime));
	return (
		subscription.status === 'Active' &&
		deliveryMode.address === webhookUrl &&
		sameFilters(subscription.eventFilters, eventFilters) &&
		expiresAt - now > EXPIRY_MARGIN_MS
	);
}

export function isNotFound(error: unknown): boolean {
	return (error as { httpCode?: unknown }).httpCode === '404';
}

function remember(state: TriggerState, subscription: IDataObject): void {
	state.subscriptionId = String(subscription.id);
	state.expirationTime = String(subscription.expirationTime);
	state.lifetimeSeconds = Number(subscription.expiresIn ?? MAX_LIFETIME_SECONDS);
}

export function forget(state: TriggerState): void {
	delete state.subscriptionId;
	delete state.verificationToken;
	delete state.expirationTime;
	delete state.lifetimeSeconds;
}

export async function readSubscription(
	this: IHookFunctions,
	id: string,
): Promise<IDataObject | undefined> {
	try {
		return await ringCentralApiRequest.call(this, 'GET', `${SUBSCRIPTION}/${id}`);
	} catch (error) {
		if (isNotFound(error)) return undefined;
		// hands back the transport's NodeApiError unchanged
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

export async function createSubscription(
	this: IHookFunctions,
	state: TriggerState,
	eventFilters: string[],
	webhookUrl: string,
): Promise<void> {
	const verificationToken = randomBytes(32).toString('hex');
	const subscription = await ringCentralApiRequest.call(this, 'POST', SUBSCRIPTION, {
		eventFilters,
		deliveryMode: { transportType: 'WebHook', address: webhookUrl, verificationToken },
		// top level: inside deliveryMode it is ignored and the subscription dies after 7 days
		expiresIn: MAX_LIFETIME_SECONDS,
	});
	remember(state, subscription);
	state.verificationToken = verificationToken;
}

/** Cancels a subscription; one that is already gone needs nothing more. */
export async function cancelSubscription(this: IHookFunctions, id: string): Promise<void> {
	try {
		await ringCentralApiRequest.call(this, 'DELETE', `${SUBSCRIPTION}/${id}`);
	} catch (error) {
		if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/**
 * Renewal. n8n runs checkExists() only on activation (including each n8n start), so the subscription is
 * created with the 10-year maximum and, should RingCentral grant less, every delivery in the second half of
 * the granted lifetime renews it. PUT with an explicit expiresIn is used rather than POST .../renew, which
 * renews with RingCentral's default lifetime. Limit: a line with no deliveries in that half still expires;
 * re-activating the workflow (or restarting n8n) then recreates it.
 */
export function isRenewalDue(state: TriggerState, now = Date.now()): boolean {
	if (!state.subscriptionId || !state.expirationTime) return false;
	const remainingMs = Date.parse(state.expirationTime) - now;
	return remainingMs < ((state.lifetimeSeconds ?? MAX_LIFETIME_SECONDS) * 1000) / 2;
}

export async function renewSubscription(
	this: IWebhookFunctions,
	state: TriggerState,
	eventFilters: string[],
): Promise<void> {
	const subscription = await ringCentralApiRequest.call(
		this,
		'PUT',
		`${SUBSCRIPTION}/${state.subscriptionId}`,
		{ eventFilters, expiresIn: MAX_LIFETIME_SECONDS },
	);
	remember(state, subscription);
}

/** Constant-time comparison of the Verification-Token header with the token given at creation. */
export function isGenuine(headerValue: unknown, expected: string | undefined): boolean {
	if (typeof headerValue !== 'string' || !expected) return false;
	const given = Buffer.from(headerValue);
	const wanted = Buffer.from(expected);
	return given.length === wanted.length && timingSafeEqual(given, wanted);
}
