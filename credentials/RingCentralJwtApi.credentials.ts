import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IAuthenticateGeneric,
	INodeProperties,
} from 'n8n-workflow';

import { ringCentralServerUrlProperty } from './RingCentralOAuth2Api.credentials';

/** The token endpoint's reason for refusing, from RingCentral's OAuth or API error body. */
function tokenErrorReason(error: IDataObject): string {
	const response = error.response as IDataObject | undefined;
	const body = (response?.data ?? {}) as IDataObject;
	const errors = (body.errors ?? []) as IDataObject[];
	const reason = body.error_description ?? errors[0]?.message ?? body.message ?? body.error;
	const code = errors[0]?.errorCode;
	const status = response?.status;
	return [reason ?? `HTTP ${status}`, code && `(${code as string})`].filter(Boolean).join(' ');
}

export class RingCentralJwtApi implements ICredentialType {
	name = 'ringCentralJwtApi';

	displayName = 'RingCentral JWT API';

	documentationUrl = 'https://developers.ringcentral.com/guide/authentication/jwt-flow';

	icon = 'file:ringCentral.svg' as const;

	properties: INodeProperties[] = [
		ringCentralServerUrlProperty,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'JWT',
			name: 'jwtToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The JWT credential created in the RingCentral Developer Console (Credentials). It acts as the user it was issued to.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// n8n calls this when accessToken is empty, and again after a request was answered with 401 (token expired)
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const serverUrl = String(credentials.apiUrl).replace(/\/+$/, '');
		const jwt = String(credentials.jwtToken);
		try {
			const token = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${serverUrl}/restapi/oauth/token`,
				auth: {
					username: String(credentials.clientId),
					password: String(credentials.clientSecret),
				},
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
					assertion: jwt,
				}).toString(),
				json: true,
			})) as IDataObject;
			return { accessToken: token.access_token };
		} catch (error) {
			// A new Error without `cause`: the request error carries the JWT and the Basic header in its config
			const response = (error as IDataObject).response as IDataObject | undefined;
			// 401 / invalid_client: the app's Client ID or Secret is wrong, not the JWT (that is a 400 invalid_grant)
			const clientRefused =
				response?.status === 401 || (response?.data as IDataObject)?.error === 'invalid_client';
			const reason = !response
				? `Could not reach the RingCentral token endpoint at ${serverUrl}: ${(error as Error).message}`
				: clientRefused
					? `RingCentral refused the app's Client ID or Client Secret: ${tokenErrorReason(error as IDataObject)}`
					: `The JWT was rejected by RingCentral: ${tokenErrorReason(error as IDataObject)}`;
			const secrets = [jwt, String(credentials.clientSecret)].filter((secret) => secret.length > 0);
			throw new Error(secrets.reduce((text, secret) => text.split(secret).join('***'), reason));
		}
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '/restapi/v1.0/account/~/extension/~',
		},
	};
}
