import type { INodeProperties } from 'n8n-workflow';

// The one phone normaliser used by every node. No runtime dependency is allowed in a community node, so instead of
// libphonenumber this keeps two compact tables: every ITU calling code (to split a number into code and national
// part) and, for the commonest countries, the trunk prefix and the length of a national number.

/** Every assigned ITU-T E.164 country calling code, 1 to 3 digits. */
const CALLING_CODES = new Set(
	(
		'1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 ' +
		'82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 ' +
		'233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 ' +
		'260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 ' +
		'371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 ' +
		'507 508 509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 ' +
		'685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 960 961 962 ' +
		'963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996 998'
	).split(' '),
);

interface NumberingPlan {
	callingCode: string;
	/** Dialled before a national number inside the country and dropped in international form ('' when none). */
	trunkPrefix: string;
	/** Digits after the calling code. */
	minLength: number;
	maxLength: number;
	/** Prefix for calling abroad when it is not "00". */
	exitCode?: string;
}

const plan = (
	callingCode: string,
	trunkPrefix: string,
	minLength: number,
	maxLength = minLength,
	exitCode?: string,
): NumberingPlan => ({ callingCode, trunkPrefix, minLength, maxLength, exitCode });

const NANP = plan('1', '1', 10, 10, '011');

/** The commonest countries by ISO 3166-1 alpha-2 code. Italy keeps its leading 0 (it is part of the number). */
const COUNTRIES: Record<string, NumberingPlan> = {
	US: NANP,
	CA: NANP,
	PR: NANP,
	MX: plan('52', '', 10),
	BR: plan('55', '0', 10, 11),
	AR: plan('54', '0', 10, 11),
	CL: plan('56', '', 9),
	CO: plan('57', '', 8, 10),
	GB: plan('44', '0', 9, 10),
	IE: plan('353', '0', 7, 9),
	DE: plan('49', '0', 6, 13),
	AT: plan('43', '0', 4, 13),
	CH: plan('41', '0', 9),
	FR: plan('33', '0', 9),
	BE: plan('32', '0', 8, 9),
	NL: plan('31', '0', 9),
	LU: plan('352', '', 4, 11),
	IT: plan('39', '', 6, 11),
	ES: plan('34', '', 9),
	PT: plan('351', '', 9),
	SE: plan('46', '0', 7, 9),
	NO: plan('47', '', 8),
	DK: plan('45', '', 8),
	FI: plan('358', '0', 5, 12),
	PL: plan('48', '', 9),
	RU: plan('7', '8', 10, 10, '810'),
	TR: plan('90', '0', 10),
	IL: plan('972', '0', 8, 9),
	AE: plan('971', '0', 8, 9),
	IN: plan('91', '0', 10),
	PK: plan('92', '0', 9, 10),
	CN: plan('86', '0', 9, 11),
	HK: plan('852', '', 8),
	SG: plan('65', '', 8),
	JP: plan('81', '0', 9, 10, '010'),
	KR: plan('82', '0', 8, 10),
	PH: plan('63', '0', 8, 10),
	AU: plan('61', '0', 9, 9, '0011'),
	NZ: plan('64', '0', 8, 10),
	ZA: plan('27', '0', 9),
	NG: plan('234', '0', 8, 10),
};

/** Plans by calling code; countries sharing a code (US/CA, RU/KZ) share its plan. */
const PLANS_BY_CODE = new Map(Object.values(COUNTRIES).map((entry) => [entry.callingCode, entry]));

const E164_MAX_DIGITS = 15;
/** Shortest national number anywhere (Niue, Saint Helena) for codes without a plan above. */
const SHORTEST_NATIONAL_NUMBER = 4;

/** "x123", "ext. 123", "extension 123", "#123" or ";ext=123" at the end of a written number. */
const EXTENSION = /(?:;ext=|\s*(?:ext(?:ension)?[.:]?|x|#))\s*(\d{1,6})\s*$/i;

/** The number itself: an optional "+", then digits, separators and vanity letters (1-800-FLOWERS). */
const NUMBER = /\+?[\s(]*\d(?:[\d\s().\-/]|[A-Z]{2,}|-[A-Za-z]+)*/;

const KEYPAD = ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'];

function keypadDigit(letter: string): string {
	const key = KEYPAD.findIndex((letters) => letters.includes(letter.toUpperCase()));
	return String(key + 2);
}

function isNationalNumber(entry: NumberingPlan, national: string): boolean {
	if (national.length < entry.minLength || national.length > entry.maxLength) return false;
	// Where the trunk prefix is 0, no national number starts with 0; NANP area and exchange codes start with 2-9.
	if (entry.trunkPrefix === '0' && national.startsWith('0')) return false;
	return entry !== NANP || /^[2-9]\d\d[2-9]/.test(national);
}

/** Digits after an international prefix: calling code then national number. */
function fromInternational(digits: string): string | null {
	const callingCode = [1, 2, 3].map((length) => digits.slice(0, length)).find((code) => CALLING_CODES.has(code));
	if (!callingCode || digits.length > E164_MAX_DIGITS) return null;
	let national = digits.slice(callingCode.length);
	const entry = PLANS_BY_CODE.get(callingCode);
	if (!entry) return national.length >= SHORTEST_NATIONAL_NUMBER ? `+${digits}` : null;
	// "+44 (0)20 ..." writes the trunk prefix after the code; it is not part of the number.
	if (entry.trunkPrefix === '0' && national.startsWith('0')) national = national.slice(1);
	return isNationalNumber(entry, national) ? `+${callingCode}${national}` : null;
}

/** Digits dialled inside the country: maybe a trunk prefix, maybe the calling code without "+". */
function fromNational(digits: string, entry: NumberingPlan): string | null {
	const { trunkPrefix, callingCode } = entry;
	const candidates = [digits];
	if (trunkPrefix && digits.startsWith(trunkPrefix)) candidates.unshift(digits.slice(trunkPrefix.length));
	const national = candidates.find((candidate) => isNationalNumber(entry, candidate));
	if (national !== undefined) return `+${callingCode}${national}`;
	return digits.startsWith(callingCode) ? fromInternational(digits) : null;
}

/**
 * Converts a phone number written in any common form (E.164, national with trunk prefix, "00" international,
 * spaces, dots, dashes, parentheses, extensions such as "x123" / "ext. 123") to E.164 ("+14155550100").
 * `defaultCountry` is an ISO 3166-1 alpha-2 code used for numbers written without a country code.
 * Returns null when the input cannot be a valid E.164 number. Extensions are dropped (see phoneExtension()).
 */
export function toE164(input: string, defaultCountry?: string): string | null {
	const written = input
		.trim()
		.replace(/^tel:/i, '')
		.replace(EXTENSION, '')
		// Other tel: URI parameters (";phone-context=...") and remarks in parentheses ("(mobile)") are no digits.
		.replace(/;.*$/, '')
		.replace(/\([^)]*[a-z][^)]*\)/gi, ' ');
	const match = NUMBER.exec(written);
	if (!match) return null;
	const digits = match[0].replace(/[A-Za-z]/g, keypadDigit).replace(/\D/g, '');
	if (match[0].startsWith('+')) return fromInternational(digits);

	const entry = defaultCountry ? COUNTRIES[defaultCountry.toUpperCase()] : undefined;
	const exitCode = entry?.exitCode;
	if (exitCode && digits.startsWith(exitCode)) return fromInternational(digits.slice(exitCode.length));
	if (digits.startsWith('00')) return fromInternational(digits.slice(2));
	return entry ? fromNational(digits, entry) : null;
}

/** The extension part of a written number ("x123", "ext. 123", ";ext=123"), or undefined. */
export function phoneExtension(input: string): string | undefined {
	return EXTENSION.exec(input.trim())?.[1];
}

/** The option both nodes offer for numbers written without a country code; its value goes to toE164(). */
export const defaultPhoneCountryProperty: INodeProperties = {
	displayName: 'Default Phone Country',
	name: 'defaultCountry',
	type: 'string',
	default: 'US',
	placeholder: 'e.g. GB',
	description:
		'Two-letter country code (ISO 3166-1) for phone numbers written without a country code, such as "(415) 555-0100"; numbers are sent in E.164 form',
};
