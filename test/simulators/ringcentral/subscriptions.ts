import { randomUUID } from 'node:crypto';
import { apiError, invalidParameter, notFound, type RcError } from './errors';
import { ACCOUNT_ID } from './state';

/**
 * Webhook subscriptions (shared/notes/ringcentral.md §4): the Validation-Token handshake on create, deliveries with
 * the Verification-Token header, expiry, and blacklisting after repeated failed deliveries. An expired subscription
 * is gone for the API (404 CMN-102): SubscriptionInfo.status only knows Active and Blacklisted.
 */

export type SubscriptionStatus = 'Active' | 'Blacklisted' | 'Expired';

export interface Subscription {
	id: string;
	ownerExtensionId: string;
	eventFilters: string[];
	address: string;
	verificationToken?: string;
	creationTime: string;
	/** lifetime asked for (or defaulted), reapplied by every renewal */
	expiresInSec: number;
	expiresAt: number;
	status: SubscriptionStatus;
	blacklistedData?: { blacklistedAt: string; reason: string };
	/** consecutive failed deliveries */
	failures: number;
}

/** Something that happened, as the platform announces it. */
export interface Notification {
	/** the event paths it is published on, with real ids (`/restapi/v1.0/account/123/extension/456/voicemail`) */
	paths: string[];
	/** values the event filters' query parameters are compared with (`direction`, `missedCall`, `type`...) */
	facets: Record<string, string>;
	body: Record<string, unknown>;
}

export interface Delivery {
	subscriptionId: string;
	uuid: string;
	event: string;
	at: string;
	/** HTTP status the receiver answered; 0 when it could not be reached or timed out */
	status: number;
	error?: string;
}

export interface DeliveryOptions {
	/** how many times to send the same payload (same uuid); default 1 */
	copies?: number;
	/** send the copies at once instead of one after the other */
	concurrent?: boolean;
	/** override the Verification-Token header: a string forges it, null leaves it out */
	verificationToken?: string | null;
}

export interface SubscriptionSettings {
	/** real RingCentral only accepts https addresses; tests talk to http://127.0.0.1 */
	requireHttps: boolean;
	/** consecutive failed deliveries after which a subscription turns Blacklisted */
	blacklistAfterFailures: number;
	/** every event is delivered twice with the same uuid (at-least-once delivery) */
	duplicateDeliveries: boolean;
	handshakeTimeoutMs: number;
	deliveryTimeoutMs: number;
}

const DEFAULT_EXPIRES_IN_SEC = 604800; // 7 days, also what a misplaced deliveryMode.expiresIn gets
const MAX_EXPIRES_IN_SEC = 315360000; // 10 years for WebHook
const MAX_PER_USER = 30;

/** Filters the platform accepts, after `~` has been replaced by ids. There is no address-book or missed-calls filter. */
const KNOWN_FILTERS = [
	/^\/restapi\/v1\.0\/account\/\d+(\/extension\/\d+)?\/telephony\/sessions$/,
	/^\/restapi\/v1\.0\/account\/\d+\/extension\/\d+\/(message-store|message-store\/instant|voicemail|fax|presence|favorite)$/,
	/^\/restapi\/v1\.0\/account\/\d+\/directory\/entries$/,
	/^\/restapi\/v1\.0\/account\/\d+\/extension(\/\d+)?$/,
	/^\/restapi\/v1\.0\/subscription\/~$/,
];

const DEFAULT_SETTINGS: SubscriptionSettings = {
	requireHttps: false,
	blacklistAfterFailures: 3,
	duplicateDeliveries: false,
	handshakeTimeoutMs: 3000,
	deliveryTimeoutMs: 3000,
};

export class Subscriptions {
	readonly settings: SubscriptionSettings = { ...DEFAULT_SETTINGS };
	readonly all: Subscription[] = [];
	readonly deliveries: Delivery[] = [];

	async create(
		ownerExtensionId: string,
		body: Record<string, unknown>,
	): Promise<Subscription | RcError> {
		const deliveryMode = body.deliveryMode as { address: string; verificationToken?: string };
		const filters = body.eventFilters as string[];
		const invalid = invalidFilters(filters, ownerExtensionId);
		if (invalid) return invalid;
		if (this.settings.requireHttps && !deliveryMode.address.startsWith('https://')) {
			return invalidParameter('deliveryMode.address', 'WebHook address must use https');
		}
		if (this.live(ownerExtensionId).length >= MAX_PER_USER) {
			return apiError(400, 'SUB-505', 'Subscriptions limit exceeded');
		}
		const handshake = await this.validateAddress(deliveryMode.address);
		if (handshake)
			return apiError(400, 'SUB-525', `WebHook server response is invalid: ${handshake}`);
		const subscription: Subscription = {
			id: randomUUID().replace(/-/g, '').slice(0, 20), // the spec caps subscriptionId at 20 characters
			ownerExtensionId,
			eventFilters: filters,
			address: deliveryMode.address,
			verificationToken: deliveryMode.verificationToken,
			creationTime: new Date().toISOString(),
			expiresInSec: 0,
			expiresAt: 0,
			status: 'Active',
			failures: 0,
		};
		this.all.push(subscription);
		return this.renew(subscription, expiresInSec(body));
	}

	/** A subscription the API can still see; expiry is applied on access. */
	find(id: string, ownerExtensionId: string): Subscription | RcError {
		const subscription = this.all.find(
			(s) => s.id === id && s.ownerExtensionId === ownerExtensionId,
		);
		if (!subscription || this.refresh(subscription).status === 'Expired')
			return notFound('subscriptionId', id);
		return subscription;
	}

	live(ownerExtensionId: string): Subscription[] {
		return this.all.filter(
			(s) => s.ownerExtensionId === ownerExtensionId && this.refresh(s).status !== 'Expired',
		);
	}

	/** PUT: new filters and/or lifetime; either way the subscription is renewed. */
	update(subscription: Subscription, body: Record<string, unknown>): Subscription | RcError {
		if (Array.isArray(body.eventFilters)) {
			const filters = body.eventFilters as string[];
			const invalid = invalidFilters(filters, subscription.ownerExtensionId);
			if (invalid) return invalid;
			subscription.eventFilters = filters;
		}
		return this.renew(
			subscription,
			body.expiresIn === undefined ? subscription.expiresInSec : expiresInSec(body),
		);
	}

	renew(subscription: Subscription, lifetimeSec = subscription.expiresInSec): Subscription {
		subscription.expiresInSec = lifetimeSec;
		subscription.expiresAt = Date.now() + lifetimeSec * 1000;
		return subscription;
	}

	remove(subscription: Subscription): void {
		this.all.splice(this.all.indexOf(subscription), 1);
	}

	/** Delivers a notification to every active subscription with a matching filter. */
	async publish(notification: Notification): Promise<Delivery[]> {
		const sends: Array<Promise<Delivery[]>> = [];
		for (const subscription of this.all) {
			if (this.refresh(subscription).status !== 'Active') continue;
			const event = matchingFilter(subscription, notification);
			if (event === undefined) continue;
			const copies = this.settings.duplicateDeliveries ? 2 : 1;
			sends.push(this.deliver(subscription, event, notification.body, { copies }));
		}
		return (await Promise.all(sends)).flat();
	}

	/** Sends one payload to a subscription's address, as the platform would (or forged, duplicated, concurrent). */
	async deliver(
		subscription: Subscription,
		event: string,
		body: Record<string, unknown>,
		options: DeliveryOptions = {},
	): Promise<Delivery[]> {
		const uuid = randomUUID();
		const payload = JSON.stringify({
			uuid,
			event,
			timestamp: new Date().toISOString(),
			subscriptionId: subscription.id,
			ownerId: subscription.ownerExtensionId,
			body,
		});
		const token =
			options.verificationToken === undefined
				? subscription.verificationToken
				: options.verificationToken;
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		if (token !== null && token !== undefined) headers['Verification-Token'] = token;
		const send = () => this.post(subscription, { uuid, event, payload, headers });
		const copies = options.copies ?? 1;
		if (options.concurrent) return await Promise.all(Array.from({ length: copies }, send));
		const results: Delivery[] = [];
		for (let i = 0; i < copies; i++) results.push(await send());
		return results;
	}

	info(subscription: Subscription, baseUrl: string): Record<string, unknown> {
		const info: Record<string, unknown> = {
			uri: `${baseUrl}/restapi/v1.0/subscription/${subscription.id}`,
			id: subscription.id,
			creationTime: subscription.creationTime,
			status: subscription.status,
			eventFilters: subscription.eventFilters,
			expirationTime: new Date(subscription.expiresAt).toISOString(),
			expiresIn: Math.max(1, Math.round((subscription.expiresAt - Date.now()) / 1000)),
			deliveryMode: { transportType: 'WebHook', address: subscription.address, encryption: false },
		};
		if (subscription.blacklistedData) info.blacklistedData = subscription.blacklistedData;
		return info;
	}

	reset(): void {
		this.all.length = 0;
		this.deliveries.length = 0;
		Object.assign(this.settings, DEFAULT_SETTINGS);
	}

	private refresh(subscription: Subscription): Subscription {
		if (subscription.status === 'Active' && subscription.expiresAt <= Date.now())
			subscription.status = 'Expired';
		return subscription;
	}

	/** The handshake: POST with Validation-Token, expecting 200 and the same header back in time. */
	private async validateAddress(address: string): Promise<string | undefined> {
		const token = randomUUID();
		try {
			const response = await fetch(address, {
				method: 'POST',
				headers: { 'Validation-Token': token, 'Content-Type': 'application/json' },
				signal: AbortSignal.timeout(this.settings.handshakeTimeoutMs),
			});
			await response.arrayBuffer();
			if (response.status !== 200) return `status ${response.status}`;
			if (response.headers.get('validation-token') !== token)
				return 'Validation-Token header not echoed';
			return undefined;
		} catch (error) {
			return (error as Error).name === 'TimeoutError'
				? 'no answer within 3000 ms'
				: (error as Error).message;
		}
	}

	private async post(
		subscription: Subscription,
		{
			uuid,
			event,
			payload,
			headers,
		}: { uuid: string; event: string; payload: string; headers: Record<string, string> },
	): Promise<Delivery> {
		const delivery: Delivery = {
			subscriptionId: subscription.id,
			uuid,
			event,
			at: new Date().toISOString(),
			status: 0,
		};
		try {
			const response = await fetch(subscription.address, {
				method: 'POST',
				headers,
				body: payload,
				signal: AbortSignal.timeout(this.settings.deliveryTimeoutMs),
			});
			await response.arrayBuffer();
			delivery.status = response.status;
		} catch (error) {
			delivery.error = (error as Error).message;
		}
		this.deliveries.push(delivery);
		this.countOutcome(subscription, delivery);
		return delivery;
	}

	private countOutcome(subscription: Subscription, delivery: Delivery): void {
		if (delivery.status >= 200 && delivery.status < 300) {
			subscription.failures = 0;
			return;
		}
		subscription.failures++;
		if (
			subscription.status === 'Active' &&
			subscription.failures >= this.settings.blacklistAfterFailures
		) {
			subscription.status = 'Blacklisted';
			subscription.blacklistedData = {
				blacklistedAt: new Date().toISOString(),
				reason: delivery.status
					? `Webhook responded with status ${delivery.status}`
					: 'Webhook is unreachable',
			};
		}
	}
}

/** Top-level `expiresIn` only: the spec's WebhookDeliveryModeRequest has no such field, so one there is ignored. */
function expiresInSec(body: Record<string, unknown>): number {
	const requested = typeof body.expiresIn === 'number' ? body.expiresIn : DEFAULT_EXPIRES_IN_SEC;
	return Math.min(requested, MAX_EXPIRES_IN_SEC);
}

function invalidFilters(filters: string[], ownerExtensionId: string): RcError | undefined {
	const invalid = filters.find(
		(filter) =>
			!KNOWN_FILTERS.some((known) => known.test(resolveFilter(filter, ownerExtensionId).path)),
	);
	if (invalid === undefined) return undefined;
	return apiError(400, 'SUB-508', 'Invalid event filters', [
		{
			errorCode: 'SUB-508',
			message: `Event filter [${invalid}] is invalid`,
			parameterName: 'eventFilters',
		},
	]);
}

function resolveFilter(
	filter: string,
	ownerExtensionId: string,
): { path: string; query: URLSearchParams } {
	const [path, query] = filter.split('?');
	const resolved = path
		.replace(/\/account\/~(?=\/|$)/, `/account/${ACCOUNT_ID}`)
		.replace(/\/extension\/~(?=\/|$)/, `/extension/${ownerExtensionId}`);
	return { path: resolved.replace(/\/+$/, ''), query: new URLSearchParams(query ?? '') };
}

/** The filter (ids filled in) under which the notification reaches this subscription, if any. */
function matchingFilter(
	subscription: Subscription,
	notification: Notification,
): string | undefined {
	for (const filter of subscription.eventFilters) {
		const { path, query } = resolveFilter(filter, subscription.ownerExtensionId);
		if (!notification.paths.includes(path)) continue;
		const mismatch = [...query].some(([key, value]) => {
			const actual = notification.facets[key];
			return actual !== undefined && actual.toLowerCase() !== value.toLowerCase();
		});
		if (!mismatch) return query.toString() ? `${path}?${query}` : path;
	}
	return undefined;
}
