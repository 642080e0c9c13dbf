import { randomBytes } from 'node:crypto';

/** HighLevel's OAuth 2.0 server and Private Integration tokens, in memory. */

export interface AccessToken {
	token: string;
	kind: 'oauth' | 'private-integration';
	clientId: string;
	locationId: string;
	companyId: string;
	userId: string;
	scopes: string[];
	/** epoch ms; Infinity for Private Integration tokens */
	expiresAt: number;
}

interface Grant {
	clientId: string;
	locationId: string;
	companyId: string;
	userId: string;
	scopes: string[];
}

export interface OAuthClient {
	clientId: string;
	clientSecret: string;
}

export const DEFAULT_CLIENT: OAuthClient = { clientId: 'sim-highlevel-client', clientSecret: 'sim-highlevel-secret' };

/** Every scope the simulated operations check; the default for admin-issued tokens. */
export const ALL_SCOPES = [
	'contacts.readonly',
	'contacts.write',
	'calendars.readonly',
	'calendars.write',
	'calendars/events.readonly',
	'calendars/events.write',
	'locations.readonly',
	'locations/customFields.readonly',
	'users.readonly',
	'conversations.readonly',
	'conversations.write',
	'conversations/message.readonly',
	'conversations/message.write',
];

export type TokenResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; body: Record<string, unknown> };

export class HighLevelAuth {
	readonly clients = new Map<string, OAuthClient>([[DEFAULT_CLIENT.clientId, DEFAULT_CLIENT]]);
	private readonly accessTokens = new Map<string, AccessToken>();
	/** refresh token -> grant; deleted when used, because HighLevel rotates refresh tokens */
	private readonly refreshTokens = new Map<string, Grant>();
	private readonly codes = new Map<string, Grant & { redirectUri?: string }>();
	/** access-token lifetime in seconds (HighLevel: a day) */
	accessTokenTtlSeconds = 86399;
	refreshCount = 0;

	reset(): void {
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
		this.clients.clear();
		this.clients.set(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT);
		this.refreshCount = 0;
		this.accessTokenTtlSeconds = 86399;
	}

	lookup(token: string): AccessToken | undefined {
		return this.accessTokens.get(token);
	}

	createCode(grant: Grant, redirectUri?: string): string {
		const code = secret(20);
		this.codes.set(code, { ...grant, redirectUri });
		return code;
	}

	/** Issues an access/refresh pair and answers like POST /oauth/token (GetAccessCodeSuccessfulResponseDto). */
	issue(grant: Grant): Record<string, unknown> {
		const accessToken = `sim-at-${secret(32)}`;
		const refreshToken = `sim-rt-${secret(32)}`;
		this.accessTokens.set(accessToken, {
			token: accessToken,
			kind: 'oauth',
			...grant,
			expiresAt: Date.now() + this.accessTokenTtlSeconds * 1000,
		});
		this.refreshTokens.set(refreshToken, grant);
		return {
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: this.accessTokenTtlSeconds,
			refresh_token: refreshToken,
			scope: grant.scopes.join(' '),
			userType: 'Location',
			locationId: grant.locationId,
			companyId: grant.companyId,
			userId: grant.userId,
			isBulkInstallation: false,
		};
	}

	issuePrivateIntegrationToken(grant: Omit<Grant, 'clientId'>): string {
		const token = `pit-${secret(32)}`;
		this.accessTokens.set(token, {
			token,
			kind: 'private-integration',
			clientId: `private-integration:${token}`,
			...grant,
			expiresAt: Infinity,
		});
		return token;
	}

	/** POST /oauth/token after the body passed the spec. */
	exchange(body: Record<string, string>): TokenResult {
		const client = this.clients.get(body.client_id);
		if (!client || client.clientSecret !== body.client_secret) {
			return { ok: false, status: 401, body: { error: 'invalid_client', error_description: 'Invalid client credentials' } };
		}
		if (body.grant_type === 'authorization_code') {
			const grant = body.code ? this.codes.get(body.code) : undefined;
			if (!grant || grant.clientId !== client.clientId || (grant.redirectUri && grant.redirectUri !== body.redirect_uri)) {
				return invalidGrant('Invalid authorization code');
			}
			this.codes.delete(body.code);
			return { ok: true, body: this.issue(grant) };
		}
		if (body.grant_type === 'refresh_token') {
			const grant = body.refresh_token ? this.refreshTokens.get(body.refresh_token) : undefined;
			if (!grant || grant.clientId !== client.clientId) return invalidGrant('Invalid refresh token');
			this.refreshTokens.delete(body.refresh_token);
			this.refreshCount++;
			return { ok: true, body: this.issue(grant) };
		}
		return { ok: false, status: 422, body: unprocessable([`grant_type ${body.grant_type} is not supported for this app`]) };
	}
}

/** Standard OAuth 2.0 error (RFC 6749 §5.2); HighLevel documents no shape of its own for a used refresh token. */
function invalidGrant(description: string): TokenResult {
	return { ok: false, status: 400, body: { error: 'invalid_grant', error_description: description } };
}

export function unprocessable(messages: string[]): Record<string, unknown> {
	return { statusCode: 422, message: messages, error: 'Unprocessable Entity' };
}

function secret(bytes: number): string {
	return randomBytes(bytes).toString('base64url');
}
