import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { RingCentralJwtApi } from '../../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../../credentials/RingCentralOAuth2Api.credentials';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.the-users-jwt.signature';
const SECRET = 'client-secret-value';

const credentials: ICredentialDataDecryptedObject = {
	apiUrl: 'https://platform.ringcentral.com/',
	clientId: 'client-id',
	clientSecret: SECRET,
	jwtToken: JWT,
	accessToken: '',
};

function helper(httpRequest: (options: IHttpRequestOptions) => Promise<unknown>) {
	const mock = jest.fn(httpRequest);
	return { mock, context: { helpers: { httpRequest: mock } } as unknown as IHttpRequestHelper };
}

const rejectedWith = (status: number, data: unknown) => async () => {
	throw Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data },
		config: { data: `assertion=${JWT}`, headers: { Authorization: 'Basic Y2xpZW50' } },
	});
};

describe('RingCentral JWT credential', () => {
	const credential = new RingCentralJwtApi();

	it('keeps the access token in a hidden expirable field, so n8n calls preAuthentication', () => {
		const accessToken = credential.properties.find((property) => property.name === 'accessToken');
		expect(accessToken).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
	});

	it('exchanges the JWT at the token endpoint with HTTP Basic client authentication', async () => {
		const { mock, context } = helper(async () => ({
			access_token: 'new-access-token',
			expires_in: 3600,
		}));
		const result = await credential.preAuthentication.call(context, credentials);

		expect(result).toEqual({ accessToken: 'new-access-token' });
		const [request] = mock.mock.calls[0];
		expect(request).toMatchObject({
			method: 'POST',
			url: 'https://platform.ringcentral.com/restapi/oauth/token',
			auth: { username: 'client-id', password: SECRET },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(Object.fromEntries(new URLSearchParams(request.body as string))).toEqual({
			grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
			assertion: JWT,
		});
	});

	it('explains a rejected JWT with RingCentral reason and never repeats the JWT or the secret', async () => {
		const { context } = helper(
			rejectedWith(400, {
				error: 'invalid_grant',
				error_description: `Invalid token ${JWT} for client ${SECRET}`,
				errors: [{ errorCode: 'OAU-140', message: 'Invalid token' }],
			}),
		);
		const error = (await credential.preAuthentication
			.call(context, credentials)
			.catch((e: unknown) => e)) as Error;

		expect(error.message).toMatch(
			/^The JWT was rejected by RingCentral: Invalid token \*\*\* for client \*\*\* \(OAU-140\)$/,
		);
		expect(JSON.stringify(error)).not.toContain(JWT);
		expect(error.cause).toBeUndefined();
	});

	it('blames the Client ID or Secret, not the JWT, when RingCentral refuses the app (401 invalid_client)', async () => {
		const { context } = helper(
			rejectedWith(401, {
				error: 'invalid_client',
				errors: [{ errorCode: 'OAU-153', message: 'Invalid client: client-id' }],
			}),
		);
		await expect(credential.preAuthentication.call(context, credentials)).rejects.toThrow(
			"RingCentral refused the app's Client ID or Client Secret: Invalid client: client-id (OAU-153)",
		);
	});

	it('says when the token endpoint cannot be reached', async () => {
		const { context } = helper(async () => {
			throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
		});
		await expect(credential.preAuthentication.call(context, credentials)).rejects.toThrow(
			'Could not reach the RingCentral token endpoint at https://platform.ringcentral.com: connect ECONNREFUSED',
		);
	});

	it('sends the token as a Bearer header and tests it against the current extension', () => {
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		});
		expect(credential.test.request.url).toBe('/restapi/v1.0/account/~/extension/~');
	});
});

describe('RingCentral OAuth2 credential', () => {
	const credential = new RingCentralOAuth2Api();
	const property = (name: string) =>
		credential.properties.find((candidate) => candidate.name === name);

	it("extends n8n's OAuth2 with RingCentral's endpoints on the chosen server and Basic client auth", () => {
		expect(credential.extends).toEqual(['oAuth2Api']);
		expect(property('authUrl')?.default).toBe(
			'={{$self["apiUrl"].replace(/\\/+$/, "")}}/restapi/oauth/authorize',
		);
		expect(property('accessTokenUrl')?.default).toBe(
			'={{$self["apiUrl"].replace(/\\/+$/, "")}}/restapi/oauth/token',
		);
		expect(property('authentication')).toMatchObject({ type: 'hidden', default: 'header' });
		expect(property('apiUrl')?.default).toBe('https://platform.ringcentral.com');
	});

	it('offers authorization code and PKCE, with the client secret optional for public apps', () => {
		expect(
			property('grantType')?.options?.map((option) => (option as { value: string }).value),
		).toEqual(['authorizationCode', 'pkce']);
		expect(property('clientSecret')?.required).toBeFalsy();
	});
});
