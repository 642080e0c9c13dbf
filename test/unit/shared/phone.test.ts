import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

import { phoneExtension, toE164 } from '../../../nodes/shared/phone';

/** Real-world ways of writing a number: [as written, default country, E.164]. */
const VALID: Array<[string, string | undefined, string]> = [
	// United States and Canada
	['+1 (415) 555-0100 ext. 12', undefined, '+14155550100'],
	['(415) 555-0100', 'US', '+14155550100'],
	['415.555.0100', 'US', '+14155550100'],
	['1-415-555-0100', 'US', '+14155550100'],
	['+14155550100', 'CA', '+14155550100'],
	['tel:+1-201-555-0123;ext=1234', undefined, '+12015550123'],
	['Phone: +1 415 555 0100 (mobile)', undefined, '+14155550100'],
	['<+14155550100>', 'us', '+14155550100'],
	['011 44 20 7946 0958', 'US', '+442079460958'],
	['(416) 555-0199', 'CA', '+14165550199'],
	// United Kingdom
	['020 7946 0958', 'GB', '+442079460958'],
	['+44 (0)20 7946 0958', undefined, '+442079460958'],
	['07911 123456', 'GB', '+447911123456'],
	['44 20 7946 0958', 'GB', '+442079460958'],
	// Germany
	['030 12345678', 'DE', '+493012345678'],
	['+49 (0)30 12345678', undefined, '+493012345678'],
	['0171/1234567', 'DE', '+491711234567'],
	['0044 7911 123456', 'DE', '+447911123456'],
	// France
	['01 23 45 67 89', 'FR', '+33123456789'],
	['06.12.34.56.78', 'FR', '+33612345678'],
	['+33 6 12 34 56 78', undefined, '+33612345678'],
	// Italy keeps the leading 0 of landlines
	['06 6988 1234', 'IT', '+390669881234'],
	['+39 06 6988 1234', undefined, '+390669881234'],
	['333 123 4567', 'IT', '+393331234567'],
	// Spain
	['912 345 678', 'ES', '+34912345678'],
	['+34 612 34 56 78', undefined, '+34612345678'],
	// Australia
	['(02) 9876 5432', 'AU', '+61298765432'],
	['0412 345 678', 'AU', '+61412345678'],
	['0011 1 415 555 0100', 'AU', '+14155550100'],
	// India
	['098765 43210', 'IN', '+919876543210'],
	['+91 98765 43210', undefined, '+919876543210'],
	// Brazil
	['(11) 91234-5678', 'BR', '+5511912345678'],
	['+55 11 91234 5678', undefined, '+5511912345678'],
	// Mexico
	['55 1234 5678', 'MX', '+525512345678'],
	['+52 55 1234 5678', undefined, '+525512345678'],
	// Netherlands
	['020 123 4567', 'NL', '+31201234567'],
	['06 12345678', 'NL', '+31612345678'],
	// Japan
	['03-1234-5678', 'JP', '+81312345678'],
	['090-1234-5678', 'JP', '+819012345678'],
	['010 1 415 555 0100', 'JP', '+14155550100'],
	// South Africa
	['021 123 4567', 'ZA', '+27211234567'],
	['+27 82 123 4567', undefined, '+27821234567'],
	// Russia (trunk prefix 8)
	['8 (495) 123-45-67', 'RU', '+74951234567'],
	// A country outside the plan table: only the calling code is checked
	['+683 4002', undefined, '+6834002'],
];

/** Formats libphonenumber does not read the same way, so they are not cross-checked against it. */
const OUTSIDE_LIBPHONENUMBER: Array<[string, string | undefined, string]> = [
	// Vanity letters become keypad digits.
	['1-800-FLOWERS', 'US', '+18003569377'],
	['1 800 GO FEDEX', 'US', '+18004633339'],
	// "00" is read as the international prefix even without a default country.
	['0044 20 7946 0958', undefined, '+442079460958'],
];

const INVALID: Array<[string, string | undefined]> = [
	['', 'US'],
	['hello', undefined],
	['12345', 'US'],
	['+44 20 7946', undefined],
	['+1 415 555 01000', undefined],
	['+1234567890123456', undefined],
	['+999 123 4567', undefined],
	['+1 123 555 0100', undefined],
	['4155550100', undefined],
	['0412 345 678', 'XX'],
	['020 794 609', 'GB'],
	['+1 415 +555 0100', undefined],
];

describe('toE164', () => {
	it.each([...VALID, ...OUTSIDE_LIBPHONENUMBER])('reads %j (default %s) as %s', (written, country, expected) => {
		expect(toE164(written, country)).toBe(expected);
	});

	it.each(INVALID)('rejects %j (default %s)', (written, country) => {
		expect(toE164(written, country)).toBeNull();
	});

	it.each(VALID)('agrees with libphonenumber on %j (default %s)', (written, country, expected) => {
		const parsed = parsePhoneNumberFromString(written, country?.toUpperCase() as CountryCode | undefined);
		expect(parsed?.number).toBe(expected);
		expect(parsed?.isPossible()).toBe(true);
	});

	it.each(INVALID)('libphonenumber also finds %j (default %s) invalid', (written, country) => {
		const parsed = parsePhoneNumberFromString(written, country as CountryCode | undefined);
		expect(parsed?.isValid() ?? false).toBe(false);
	});
});

describe('phoneExtension', () => {
	it.each([
		['+1 (415) 555-0100 ext. 12', '12'],
		['+1 415 555 0100 x12', '12'],
		['415-555-0100x7', '7'],
		['020 7946 0958 extension 301', '301'],
		['tel:+1-201-555-0123;ext=1234', '1234'],
		['+1 415 555 0100 #55', '55'],
		['+1 415 555 0100', undefined],
		['1-800-FAX', undefined],
	])('finds the extension of %j: %s', (written, extension) => {
		expect(phoneExtension(written)).toBe(extension);
	});
});
