import type {
	INodeCredentialDescription,
	INodePropertyOptions,
	INodeProperties,
} from 'n8n-workflow';

import { requestOptionsProperty as sharedRequestOptions } from '../../shared/requestOptions';
import { defaultPhoneCountryProperty } from '../../shared/phone';

/** Shared by the RingCentral action and trigger nodes; the values are the credential type names. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'JWT (Server Apps)', value: 'ringCentralJwtApi' },
		{ name: 'OAuth2 (User Login)', value: 'ringCentralOAuth2Api' },
	],
	default: 'ringCentralJwtApi',
};

export const credentialsDescription: INodeCredentialDescription[] = [
	{
		name: 'ringCentralJwtApi',
		required: true,
		displayOptions: { show: { authentication: ['ringCentralJwtApi'] } },
	},
	{
		name: 'ringCentralOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['ringCentralOAuth2Api'] } },
	},
];

export const requestOptionsProperty = sharedRequestOptions(
	'RingCentral',
	'Sending an SMS or creating a contact',
);

export const extensionIdProperty: INodeProperties = {
	displayName: 'Extension ID',
	name: 'extensionId',
	type: 'string',
	default: '~',
	description: 'The extension (user) to act for. "~" is the user the credential belongs to.',
};

export const defaultCountryOption = defaultPhoneCountryProperty;

/** The "Options" collection of the operations that read or write phone numbers, read by optionsCountry(). */
export const optionsProperty = (...more: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [defaultCountryOption, ...more],
});

export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** The "Date From" / "Date To" filters of the list operations, read by dateRange(). */
export const dateRangeFilters: INodeProperties[] = [
	{
		displayName: 'Date From',
		name: 'dateFrom',
		type: 'dateTime',
		default: '',
		description: 'Start of the period. RingCentral defaults to 24 hours before "Date To".',
	},
	{
		displayName: 'Date To',
		name: 'dateTo',
		type: 'dateTime',
		default: '',
		description: 'End of the period. Defaults to now.',
	},
];

/** The "Filters" collection of a list operation. */
export const filtersProperty = (...filters: INodeProperties[]): INodeProperties => ({
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add filter',
	default: {},
	options: filters,
});

export const directionFilter: INodeProperties = {
	displayName: 'Direction',
	name: 'direction',
	type: 'multiOptions',
	options: [
		{ name: 'Inbound', value: 'Inbound' },
		{ name: 'Outbound', value: 'Outbound' },
	],
	default: [],
};

/** Message-store types, for the action node's filter and the poll trigger's choice. */
export const messageTypeOptions: INodePropertyOptions[] = [
	{ name: 'Fax', value: 'Fax' },
	{ name: 'Pager', value: 'Pager' },
	{ name: 'SMS', value: 'SMS' },
	{ name: 'Voicemail', value: 'VoiceMail' },
];
