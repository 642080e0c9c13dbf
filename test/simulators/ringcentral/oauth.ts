import { randomBytes, randomUUID } from 'node:crypto';
import { oauthError, tokenExpired, tokenNotFound, type RcError } from './errors';

/**
 * RingCentral's OAuth server (shared/notes/ringcentral.md §2): authorization codes (single use, 60 s), JWT
 * credentials issued through the admin API, and sessions whose refresh token is single-use and rotates - refreshing
 * revokes the old access and refresh tokens at once (the real platform's ~10 s grace period is not modelled).
 */

export interface OAuthClient {
	clientId: string;
	clientSecret: string;
}

export interface TokenInfo {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	refresh_token: string;
	refresh_token_expires_in: number;
	scope: string;
	owner_id: string;
	endpoint_id: string;
	session_id: string;
}

interface Session {
	id: string;
	extensionId: string;
	accessToken: string;
	accessExpiresAt: number;
	refreshToken: string;
	refreshExpiresAt: number;
	revoked: boolean;
}

export type GrantType = 'authorization_code' | 'refresh_token' | 'jwt_bearer';

const SCOPE =
	'ReadAccounts ReadCallLog ReadCallRecording ReadContacts Contacts ReadMessages SMS SubscriptionWebhook';
const CODE_TTL_SEC = 60;
const DEFAULT_ACCESS_TTL_SEC = 3600;
const DEFAULT_REFRESH_TTL_SEC = 604800;

export class OAuthServer {
	/** forces every access token's lifetime (seconds), e.g. 2 to test expiry; undefined honours access_token_ttl */
	accessTokenTtlSec: number | undefined;
	readonly grants: Record<GrantType, number> = {
		authorization_code: 0,
		refresh_token: 0,
		jwt_bearer: 0,
	};
	private readonly sessions: Session[] = [];
	private readonly codes = new Map<
		string,
		{ extensionId: string; redirectUri?: string; expiresAt: number }
	>();
	/** JWT credential -> the extension it authenticates */
	private readonly jwts = new Map<string, string>();
	/** refresh tokens already exchanged, to tell "reused" from "unknown" */
	private readonly usedRefreshTokens = new Set<string>();

	constructor(
		readonly client: OAuthClient,
		private readonly defaultExtensionId: string,
	) {}

	reset(): void {
		this.accessTokenTtlSec = undefined;
		for (const grant of Object.keys(this.grants) as GrantType[]) this.grants[grant] = 0;
		this.sessions.length = 0;
		this.codes.clear();
		this.jwts.clear();
		this.usedRefreshTokens.clear();
	}

	/** Checks `Authorization: Basic base64(id:secret)`; RingCentral answers invalid_client with OAU-153. */
	authenticateClient(authorization: string | undefined): RcError | undefined {
		const [scheme, encoded] = (authorization ?? '').split(' ');
		const [id, secret] = Buffer.from(encoded ?? '', 'base64')
			.toString()
			.split(':');
		if (
			scheme?.toLowerCase() === 'basic' &&
			id === this.client.clientId &&
			secret === this.client.clientSecret
		) {
			return undefined;
		}
		return {
			...oauthError('invalid_client', 'OAU-153', `Invalid client: ${id ?? ''}`, 'client_id'),
			status: 401,
		};
	}

	issueJwt(extensionId = this.defaultExtensionId): string {
		const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const jwt = [
			segment({ alg: 'RS256', typ: 'JWT' }),
			segment({
				aud: 'https://platform.ringcentral.com/restapi/oauth/token',
				sub: extensionId,
				iss: 'sim',
				jti: randomUUID(),
			}),
			randomBytes(32).toString('base64url'),
		].join('.');
		this.jwts.set(jwt, extensionId);
		return jwt;
	}

	issueCode(extensionId = this.defaultExtensionId, redirectUri?: string): string {
		const code = `U0pDMDFQMDFQQVMwMXxBQUJ${randomBytes(18).toString('base64url')}`;
		this.codes.set(code, { extensionId, redirectUri, expiresAt: Date.now() + CODE_TTL_SEC * 1000 });
		return code;
	}

	get codeTtlSec(): number {
		return CODE_TTL_SEC;
	}

	/** The /restapi/oauth/token exchange for an already authenticated client and a spec-valid form body. */
	exchange(form: Record<string, unknown>): TokenInfo | RcError {
		const ttl = (name: string, fallback: number) =>
			form[name] === undefined ? fallback : Number(form[name]);
		const lifetimes = {
			access: this.accessTokenTtlSec ?? ttl('access_token_ttl', DEFAULT_ACCESS_TTL_SEC),
			refresh: ttl('refresh_token_ttl', DEFAULT_REFRESH_TTL_SEC),
		};
		switch (form.grant_type) {
			case 'authorization_code': {
				const code = this.codes.get(String(form.code));
				if (!code)
					return oauthError('invalid_grant', 'OAU-106', 'Invalid authorization code', 'code');
				this.codes.delete(String(form.code));
				if (code.expiresAt <= Date.now())
					return oauthError('invalid_grant', 'OAU-108', 'Authorization code is expired', 'code');
				if (code.redirectUri !== undefined && code.redirectUri !== form.redirect_uri) {
					return oauthError(
						'invalid_grant',
						'OAU-109',
						'Redirect URIs do not match',
						'redirect_uri',
					);
				}
				this.grants.authorization_code++;
				return this.startSession(code.extensionId, lifetimes);
			}
			case 'urn:ietf:params:oauth:grant-type:jwt-bearer': {
				const extensionId = this.jwts.get(String(form.assertion));
				if (!extensionId)
					return oauthError('invalid_grant', 'OAU-251', 'Invalid JWT token', 'assertion');
				this.grants.jwt_bearer++;
				return this.startSession(extensionId, lifetimes);
			}
			case 'refresh_token':
				return this.refresh(String(form.refresh_token), lifetimes);
			default:
				return oauthError(
					'unsupported_grant_type',
					'OAU-112',
					'Unsupported grant type',
					'grant_type',
				);
		}
	}

	/** Issues a token pair without a grant (admin API), e.g. to pre-fill a credential. Not counted as a grant. */
	issueTokens(extensionId = this.defaultExtensionId, accessTtlSec?: number): TokenInfo {
		return this.startSession(extensionId, {
			access: accessTtlSec ?? this.accessTokenTtlSec ?? DEFAULT_ACCESS_TTL_SEC,
			refresh: DEFAULT_REFRESH_TTL_SEC,
		});
	}

	/** The extension an access token acts for, or the 401 the platform answers. */
	authenticate(authorization: string | undefined): { extensionId: string } | RcError {
		const [scheme, token] = (authorization ?? '').split(' ');
		const session =
			scheme?.toLowerCase() === 'bearer'
				? this.sessions.find((s) => s.accessToken === token)
				: undefined;
		if (!session || session.revoked) return tokenNotFound();
		if (session.accessExpiresAt <= Date.now()) return tokenExpired();
		return { extensionId: session.extensionId };
	}

	/** RFC 7009: either token kills the whole session; unknown tokens are ignored, as the RFC requires. */
	revoke(token: string | undefined): void {
		for (const session of this.sessions) {
			if (session.accessToken === token || session.refreshToken === token) session.revoked = true;
		}
	}

	private refresh(
		token: string,
		lifetimes: { access: number; refresh: number },
	): TokenInfo | RcError {
		if (this.usedRefreshTokens.has(token)) {
			return oauthError('invalid_grant', 'OAU-211', 'Token is revoked', 'refresh_token');
		}
		const session = this.sessions.find((s) => s.refreshToken === token);
		if (!session || session.revoked)
			return oauthError('invalid_grant', 'OAU-211', 'Token is revoked', 'refresh_token');
		if (session.refreshExpiresAt <= Date.now()) {
			return oauthError('invalid_grant', 'OAU-210', 'Token expired', 'refresh_token');
		}
		this.usedRefreshTokens.add(token);
		session.revoked = true;
		this.grants.refresh_token++;
		return this.startSession(session.extensionId, lifetimes, session.id);
	}

	private startSession(
		extensionId: string,
		lifetimes: { access: number; refresh: number },
		sessionId = String(Date.now()) + randomBytes(3).toString('hex'),
	): TokenInfo {
		const now = Date.now();
		const session: Session = {
			id: sessionId,
			extensionId,
			accessToken: `U0pDMDFQMDFQQVMwMXxBQUF${randomBytes(24).toString('base64url')}`,
			accessExpiresAt: now + lifetimes.access * 1000,
			refreshToken: `U0pDMDFQMDFQQVMwMXxBQUR${randomBytes(24).toString('base64url')}`,
			refreshExpiresAt: now + lifetimes.refresh * 1000,
			revoked: false,
		};
		this.sessions.push(session);
		return {
			access_token: session.accessToken,
			token_type: 'bearer',
			expires_in: lifetimes.access,
			refresh_token: session.refreshToken,
			refresh_token_expires_in: lifetimes.refresh,
			scope: SCOPE,
			owner_id: extensionId,
			endpoint_id: randomBytes(11).toString('base64url'),
			session_id: session.id,
		};
	}
}

export function isError(value: object): value is RcError {
	return 'status' in value && 'body' in value;
}
