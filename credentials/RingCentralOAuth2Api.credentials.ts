import type { ICredentialType, INodeProperties } from 'n8n-workflow';

// Not named `serverUrl`: n8n's OAuth2 flow treats a field of that name as an OAuth server and probes
// <server>/.well-known/oauth-protected-resource on every Connect, a request the vendor's API does not have.
/** Shared with the JWT credential; the transport, the token request and the OAuth URLs read it. */
export const ringCentralServerUrlProperty: INodeProperties = {
	displayName: 'Server URL',
	name: 'apiUrl',
	type: 'string',
	default: 'https://platform.ringcentral.com',
	required: true,
	description:
		'RingCentral API server. Change it only for a legacy sandbox (https://platform.devtest.ringcentral.com) or a test server.',
};

export class RingCentralOAuth2Api implements ICredentialType {
	name = 'ringCentralOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'RingCentral OAuth2 API';

	documentationUrl = 'https://developers.ringcentral.com/guide/authentication/auth-code-flow';

	icon = 'file:ringCentral.svg' as const;

	properties: INodeProperties[] = [
		ringCentralServerUrlProperty,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'PKCE (Public App Without Client Secret)', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["apiUrl"].replace(/\\/+$/, "")}}/restapi/oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["apiUrl"].replace(/\\/+$/, "")}}/restapi/oauth/token',
		},
		{
			// A public (PKCE) app has no secret; n8n then sends client_id in the token request body instead
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Leave empty only for a public app using PKCE',
		},
		{
			// RingCentral ignores the scope parameter: permissions come from the app registration
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Confidential apps must authenticate to the token endpoint with HTTP Basic (client_secret_basic)
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
