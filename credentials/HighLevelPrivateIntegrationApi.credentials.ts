import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { highLevelServerUrlProperty } from './HighLevelContactsOAuth2Api.credentials';

/** A sub-account Private Integration token: a static bearer token bound to one location. */
export class HighLevelPrivateIntegrationApi implements ICredentialType {
	name = 'highLevelPrivateIntegrationApi';

	displayName = 'HighLevel Private Integration Token API';

	icon = 'file:highLevel.svg' as const;

	documentationUrl =
		'https://help.gohighlevel.com/support/solutions/articles/155000003054-private-integrations';

	properties: INodeProperties[] = [
		{
			displayName: 'Private Integration Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Created in the sub-account under Settings > Private Integrations',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the sub-account the token belongs to (Settings > Business Profile)',
		},
		highLevelServerUrlProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.token}}' },
		},
	};

	// A one-record search needs a valid token AND the right location, so a wrong value in either shows here.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '/contacts/search',
			method: 'POST',
			headers: { Version: '2021-07-28', Accept: 'application/json' },
			body: { locationId: '={{$credentials.locationId}}', pageLimit: 1 },
		},
	};
}
