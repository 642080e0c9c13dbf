// CONTRACT (stub): the one phone normaliser used by every node. Implementation owned by nodes/shared.

/**
 * Converts a phone number written in any common form (E.164, national with trunk prefix, "00" international,
 * spaces, dots, dashes, parentheses, extensions such as "x123" / "ext. 123") to E.164 ("+14155550100").
 * `defaultCountry` is an ISO 3166-1 alpha-2 code used for numbers written without a country code.
 * Returns null when the input cannot be a valid E.164 number. Extensions are dropped (see phoneExtension()).
 */
export function toE164(input: string, defaultCountry?: string): string | null {
	void defaultCountry;
	const digits = input.replace(/[^\d+]/g, '');
	return /^\+[1-9]\d{6,14}$/.test(digits) ? digits : null;
}

/** The extension part of a written number ("x123", "ext. 123", ";ext=123"), or undefined. */
export function phoneExtension(input: string): string | undefined {
	const match = /(?:ext\.?|x|;ext=|#)\s*(\d{1,6})\s*$/i.exec(input);
	return match ? match[1] : undefined;
}
