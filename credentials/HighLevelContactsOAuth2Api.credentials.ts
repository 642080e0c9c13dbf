import type { ICredentialType, INodeProperties } from 'n8n-workflow';

// Not named `serverUrl`: n8n's OAuth2 flow treats a field of that name as an OAuth server and probes
// <server>/.well-known/oauth-protected-resource on every Connect, a request the vendor's API does not have.
/** Shared with the Private Integration credential; the transport and the token URL read it. */
export const highLevelServerUrlProperty: INodeProperties = {
	displayName: 'Server URL',
	name: 'apiUrl',
	type: 'string',
	default: 'https://services.leadconnectorhq.com',
	description: 'Base URL of the HighLevel API. Change it only for a sandbox or a test server.',
};

/**
 * OAuth2 for a HighLevel Marketplace app installed on one sub-account. The sub-account (location) comes from the
 * token response (`oauthTokenData.locationId`), so it is never asked for.
 */
export class HighLevelContactsOAuth2Api implements ICredentialType {
	name = 'highLevelContactsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HighLevel Contacts OAuth2 API';

	icon = 'file:highLevel.svg' as const;

	documentationUrl = 'https://marketplace.gohighlevel.com/docs/Authorization/OAuth2.0';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		highLevelServerUrlProperty,
		{
			displayName: 'Authorization URL',
			name: 'authorizationUrl',
			type: 'options',
			options: [
				{
					name: 'Standard (GoHighLevel)',
					value: 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
				},
				{
					name: 'White-Label (LeadConnector)',
					value: 'https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation',
				},
				{
					name: 'Custom',
					value: 'custom',
				},
			],
			default: 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
		},
		{
			displayName: 'Custom Authorization URL',
			name: 'customAuthorizationUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://marketplace.example.com/v2/oauth/chooselocation',
			displayOptions: { show: { authorizationUrl: ['custom'] } },
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				'={{$self["authorizationUrl"] === "custom" ? $self["customAuthorizationUrl"] : $self["authorizationUrl"]}}',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{$self["apiUrl"].replace(/\\/+$/, "")}}/oauth/token',
		},
		{
			displayName: 'Access Level',
			name: 'accessLevel',
			type: 'options',
			options: [
				{
					name: 'Read Only',
					value: 'contacts.readonly',
					description: 'Read contacts, tasks, notes and appointments',
				},
				{
					name: 'Read & Write',
					value: 'contacts.readonly contacts.write',
					description: 'Also create, update and delete them',
				},
			],
			default: 'contacts.readonly',
			description:
				'What the node may do. Write operations fail with a clear message when the credential is read only.',
		},
		{
			displayName: 'Additional Scopes',
			name: 'additionalScopes',
			type: 'multiOptions',
			options: [
				{ name: 'Calendar Events: Read', value: 'calendars/events.readonly' },
				{ name: 'Calendar Events: Write', value: 'calendars/events.write' },
				{ name: 'Conversation Messages: Read', value: 'conversations/message.readonly' },
				{ name: 'Conversation Messages: Write', value: 'conversations/message.write' },
				{ name: 'Conversations: Read', value: 'conversations.readonly' },
				{ name: 'Conversations: Write', value: 'conversations.write' },
				{
					name: 'Custom Fields: Read (Pick Custom Fields by Name)',
					value: 'locations/customFields.readonly',
				},
				{ name: 'Users: Read (Pick Users by Name)', value: 'users.readonly' },
			],
			default: [],
			description: 'Extra permissions to request. Reconnect the credential after changing them.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '={{[$self["accessLevel"]].concat($self["additionalScopes"] || []).join(" ")}}',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
