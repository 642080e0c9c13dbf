/**
 * RingCentral's error bodies. API errors carry the legacy top-level `errorCode`/`message` next to the `errors[]` of
 * the spec's ApiErrorResponseModel; OAuth endpoints answer RFC 6749 `error`/`error_description` plus `errors[]`.
 * Codes and texts follow shared/notes/ringcentral.md §2 and §5 (and the community posts cited there).
 */
export interface RcError {
	status: number;
	body: Record<string, unknown>;
	headers?: Record<string, string>;
}

interface ErrorDetail {
	errorCode: string;
	message: string;
	parameterName?: string;
	parameterValue?: string;
}

export function apiError(
	status: number,
	errorCode: string,
	message: string,
	details?: ErrorDetail[],
): RcError {
	return { status, body: { errorCode, message, errors: details ?? [{ errorCode, message }] } };
}

export function oauthError(
	error: string,
	errorCode: string,
	message: string,
	parameterName?: string,
): RcError {
	const detail: ErrorDetail = { errorCode, message };
	if (parameterName) detail.parameterName = parameterName;
	return { status: 400, body: { error, errors: [detail], error_description: message } };
}

/** CMN-101: a parameter (query, path or body field) that the contract rejects. */
export function invalidParameter(parameterName: string, message?: string): RcError {
	const text = message ?? `Parameter [${parameterName}] value is invalid`;
	return apiError(400, 'CMN-101', text, [{ errorCode: 'CMN-101', message: text, parameterName }]);
}

/** CMN-102: the resource a path parameter names does not exist. */
export function notFound(parameterName: string, parameterValue: string): RcError {
	const message = `Resource for parameter [${parameterName}] is not found`;
	return apiError(404, 'CMN-102', message, [
		{ errorCode: 'CMN-102', message, parameterName, parameterValue },
	]);
}

export const rateLimited = (retryAfterSec: number): RcError => ({
	...apiError(429, 'CMN-301', 'Request rate exceeded'),
	headers: { 'Retry-After': String(retryAfterSec) },
});

export const tokenExpired = (): RcError =>
	apiError(401, 'TokenInvalid', 'Access token is expired', [
		{ errorCode: 'OAU-213', message: 'Access token is expired' },
	]);

export const tokenNotFound = (): RcError =>
	apiError(401, 'TokenInvalid', 'Token not found', [
		{ errorCode: 'OAU-213', message: 'Token not found' },
	]);

export const missingAuthorization = (): RcError =>
	apiError(401, 'AGW-401', 'Authorization header is not specified', [
		{ errorCode: 'OAU-123', message: 'Authorization header is not specified' },
	]);
