import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { authenticationProperty, credentialsDescription } from '../RingCentral/descriptions/common';
import {
	claimDelivery,
	itemsFor,
	memoryScope,
	releaseDelivery,
	rememberDelivery,
	type Notification,
} from './deliveries';
import {
	cancelSubscription,
	CALL_EVENTS,
	createSubscription,
	eventFiltersFor,
	forget,
	isGenuine,
	isRenewalDue,
	isUsable,
	readSubscription,
	renewSubscription,
	type CallScope,
	type TriggerEvent,
	type TriggerState,
} from './subscription';

function wantedFilters(this: IHookFunctions | IWebhookFunctions): string[] {
	const events = this.getNodeParameter('events', []) as TriggerEvent[];
	const scope = this.getNodeParameter('callScope', 'extension') as CallScope;
	return eventFiltersFor(events, scope);
}

export class RingCentralTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Trigger',
		name: 'ringCentralTrigger',
		icon: { light: 'file:ringCentral.svg', dark: 'file:ringCentral.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when calls, SMS, voicemails or company directory entries change in RingCentral',
		defaults: {
			name: 'RingCentral Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialsDescription,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			authenticationProperty,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Call Ended',
						value: 'callEnded',
						description: 'Any call that ends, answered or not',
					},
					{
						name: 'Directory Entry Changed',
						value: 'directoryChanged',
						description: 'A company directory entry was added, changed or removed (whole account)',
					},
					{
						name: 'Inbound Call',
						value: 'inboundCall',
						description: 'An incoming call starts ringing',
					},
					{
						name: 'Inbound SMS',
						value: 'inboundSms',
						description: 'An SMS is received',
					},
					{
						name: 'Missed Call',
						value: 'missedCall',
						description: 'An incoming call ends without having been answered',
					},
					{
						name: 'Outbound Call',
						value: 'outboundCall',
						description: 'An outgoing call is placed',
					},
					{
						name: 'Outbound SMS',
						value: 'outboundSms',
						description: 'An SMS is sent',
					},
					{
						name: 'Voicemail',
						value: 'voicemail',
						description: 'A voicemail is left',
					},
				],
				default: [],
				description:
					'Call events need the CallControl app permission; SMS and voicemail need ReadMessages; the directory needs ReadAccounts',
			},
			{
				displayName: 'Calls Of',
				name: 'callScope',
				type: 'options',
				options: [
					{
						name: 'My Extension',
						value: 'extension',
						description: 'Calls of the user who authorized the credential',
					},
					{
						name: 'Whole Account',
						value: 'account',
						description: 'Calls of every extension (needs an admin user)',
					},
				],
				default: 'extension',
				displayOptions: { show: { events: CALL_EVENTS } },
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				if (!state.subscriptionId) return false;
				const subscription = await readSubscription.call(this, state.subscriptionId);
				if (!subscription) {
					forget(state);
					return false;
				}
				// an unusable one (blacklisted, expiring, other address or filters) is replaced by create()
				return isUsable(
					subscription,
					this.getNodeWebhookUrl('default') as string,
					wantedFilters.call(this),
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				// a replaced subscription still counts towards RingCentral's 30 per user and app
				if (state.subscriptionId) await cancelSubscription.call(this, state.subscriptionId);
				forget(state);
				const webhookUrl = this.getNodeWebhookUrl('default') as string;
				await createSubscription.call(this, state, wantedFilters.call(this), webhookUrl);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				if (!state.subscriptionId) return false;
				await cancelSubscription.call(this, state.subscriptionId);
				forget(state);
				delete state.recentDeliveries;
				delete state.calls;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const headers = this.getHeaderData();
		const response = this.getResponseObject();

		// RingCentral's handshake while the subscription is being created: echo the token, nothing else
		const validationToken = headers['validation-token'];
		if (typeof validationToken === 'string' && validationToken !== '') {
			response.setHeader('Validation-Token', validationToken);
			response.status(200).end();
			return { noWebhookResponse: true };
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		if (!isGenuine(headers['verification-token'], state.verificationToken)) {
			response.status(401).json({ message: 'Missing or wrong Verification-Token' });
			return { noWebhookResponse: true };
		}

		const notification = this.getBodyData() as Notification;
		const scope = memoryScope.call(this);
		if (!claimDelivery(scope, state, notification.uuid)) return {};

		const selected = this.getNodeParameter('events', []) as TriggerEvent[];
		const produced = await itemsFor
			.call(this, notification, selected, state, scope)
			.catch((error: unknown) => {
				releaseDelivery(scope, notification.uuid);
				throw error;
			});
		const items = produced.filter((item) => selected.includes(item.eventType));
		rememberDelivery(state, notification.uuid);

		if (isRenewalDue(state)) {
			try {
				await renewSubscription.call(this, state, wantedFilters.call(this));
			} catch (error) {
				// the delivery itself is fine; the next one retries the renewal
				this.logger.warn(`RingCentral subscription renewal failed: ${(error as Error).message}`);
			}
		}

		if (items.length === 0) return {};
		// n8n 2.x would answer only after starting the run, which marks static data unchanged, so the
		// deliveries and calls remembered above would never be saved. Answering here makes n8n save them
		// before the run starts, as n8n 1.x always did.
		response.status(200).end();
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(items)] };
	}
}
