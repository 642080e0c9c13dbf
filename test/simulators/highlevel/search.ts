import Ajv from 'ajv';
import { renderContact, type Contact } from './store';

/**
 * POST /contacts/search. The spec leaves the body empty (`SearchBodyV2DTO = {}`), so this schema is written from the
 * documented body (HighLevel's ClickUp search doc, summarised in shared/notes/ghl.md §4): locationId and pageLimit
 * required, pageLimit at most 500, `page` OR `searchAfter`, filters as `{field, operator, value}` or
 * `{group: AND|OR, filters}`, sort as `{field, direction}`, query at most 75 characters.
 */

export const SEARCH_MAX_PAGE_LIMIT = 500;
/** standard `page` paging reaches only this many records; searchAfter goes beyond */
export const SEARCH_PAGE_WINDOW = 10_000;

const OPERATORS = ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists', 'range'] as const;
type Operator = (typeof OPERATORS)[number];

/** Contact fields the search index supports for filters and sort. */
const FIELDS = [
	'id',
	'email',
	'phone',
	'tags',
	'firstName',
	'lastName',
	'firstNameLowerCase',
	'lastNameLowerCase',
	'companyName',
	'source',
	'city',
	'state',
	'country',
	'postalCode',
	'dnd',
	'dateAdded',
	'dateUpdated',
	'assignedTo',
	'businessId',
];

const searchBodySchema = {
	type: 'object',
	additionalProperties: false,
	required: ['locationId', 'pageLimit'],
	properties: {
		locationId: { type: 'string', minLength: 1 },
		pageLimit: { type: 'integer', minimum: 1, maximum: SEARCH_MAX_PAGE_LIMIT },
		page: { type: 'integer', minimum: 1 },
		searchAfter: { type: 'array', minItems: 1, items: { type: ['string', 'number'] } },
		query: { type: 'string', maxLength: 75 },
		filters: { type: 'array', items: { $ref: '#/$defs/filterOrGroup' } },
		sort: {
			type: 'array',
			items: {
				type: 'object',
				additionalProperties: false,
				required: ['field', 'direction'],
				properties: { field: { enum: FIELDS }, direction: { enum: ['asc', 'desc'] } },
			},
		},
	},
	not: { required: ['page', 'searchAfter'] },
	$defs: {
		filterOrGroup: {
			oneOf: [
				{
					type: 'object',
					additionalProperties: false,
					required: ['field', 'operator'],
					properties: { field: { enum: FIELDS }, operator: { enum: OPERATORS }, value: {} },
				},
				{
					type: 'object',
					additionalProperties: false,
					required: ['group', 'filters'],
					properties: {
						group: { enum: ['AND', 'OR'] },
						filters: { type: 'array', items: { $ref: '#/$defs/filterOrGroup' } },
					},
				},
			],
		},
	},
};

const validateBody = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(searchBodySchema);

export interface SearchBody {
	locationId: string;
	pageLimit: number;
	page?: number;
	searchAfter?: Array<string | number>;
	query?: string;
	filters?: Filter[];
	sort?: Array<{ field: string; direction: 'asc' | 'desc' }>;
}

type Filter = { field: string; operator: Operator; value?: unknown } | { group: 'AND' | 'OR'; filters: Filter[] };

/** Contract errors of a search body, phrased like the API's 422 messages. */
export function searchBodyErrors(body: unknown): string[] {
	if (validateBody(body)) return [];
	return (validateBody.errors ?? []).map((error) => {
		if (error.keyword === 'not') return 'page and searchAfter cannot be combined';
		const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'body';
		if (error.keyword === 'required') return `${String(error.params.missingProperty)} should not be empty`;
		if (error.keyword === 'additionalProperties') {
			return `property ${String(error.params.additionalProperty)} should not exist`;
		}
		return `${field} ${error.message ?? error.keyword}`;
	});
}

export interface SearchResult {
	contacts: Array<Record<string, unknown>>;
	total: number;
	/** set when page * pageLimit is past the standard paging window */
	windowExceeded?: boolean;
}

type Entry = { contact: Contact; key: Array<string | number> };
/** Sorted matches of the last search per store, reused while the data is unchanged (paging repeats one search). */
const lastSearch = new WeakMap<object, { fingerprint: string; sorted: Entry[] }>();

/** `owner` + `version` identify the data: a change of version (any write) invalidates the cached order. */
export function searchContacts(owner: object, version: number, all: () => Contact[], body: SearchBody): SearchResult {
	const sort = [...(body.sort ?? [{ field: 'dateAdded', direction: 'desc' as const }])];
	const key = (contact: Contact) => [...sort.map((s) => sortValue(contact, s.field)), contact.id];
	const directions = [...sort.map((s) => (s.direction === 'asc' ? 1 : -1)), 1];
	const compareKeys = (a: Array<string | number>, b: Array<string | number>) => {
		for (let i = 0; i < directions.length; i++) {
			if (a[i] !== b[i]) return (a[i] < b[i] ? -1 : 1) * directions[i];
		}
		return 0;
	};
	const fingerprint = JSON.stringify([version, body.locationId, body.filters, body.query, sort]);
	let sorted = lastSearch.get(owner)?.fingerprint === fingerprint ? lastSearch.get(owner)!.sorted : undefined;
	if (!sorted) {
		sorted = all()
			.filter(
				(contact) =>
					(body.filters ?? []).every((filter) => matches(contact, filter)) && matchesQuery(contact, body.query),
			)
			.map((contact) => ({ contact, key: key(contact) }))
			.sort((a, b) => compareKeys(a.key, b.key));
		lastSearch.set(owner, { fingerprint, sorted });
	}

	let start: number;
	if (body.searchAfter) {
		const cursor = body.searchAfter;
		start = sorted.findIndex((entry) => compareKeys(entry.key, cursor) > 0);
		if (start === -1) start = sorted.length;
	} else {
		const page = body.page ?? 1;
		if (page * body.pageLimit > SEARCH_PAGE_WINDOW) return { contacts: [], total: sorted.length, windowExceeded: true };
		start = (page - 1) * body.pageLimit;
	}
	return {
		contacts: sorted.slice(start, start + body.pageLimit).map(({ contact, key: searchAfter }) => ({
			...renderContact(contact),
			searchAfter,
		})),
		total: sorted.length,
	};
}

/** Date.parse dominates sorting 50 000 contacts; timestamps repeat across searches, so remember them. */
const epochs = new Map<string, number>();
function epoch(date: string): number {
	let value = epochs.get(date);
	if (value === undefined) {
		value = Date.parse(date);
		epochs.set(date, value);
	}
	return value;
}

function sortValue(contact: Contact, field: string): string | number {
	const value = fieldValue(contact, field);
	if (field === 'dateAdded' || field === 'dateUpdated') return epoch(String(value));
	if (Array.isArray(value)) return value.join(',');
	return value === undefined ? '' : String(value).toLowerCase();
}

function fieldValue(contact: Contact, field: string): unknown {
	if (field === 'firstNameLowerCase') return contact.firstName?.toLowerCase();
	if (field === 'lastNameLowerCase') return contact.lastName?.toLowerCase();
	return (contact as unknown as Record<string, unknown>)[field];
}

function matches(contact: Contact, filter: Filter): boolean {
	if ('group' in filter) {
		return filter.group === 'AND'
			? filter.filters.every((inner) => matches(contact, inner))
			: filter.filters.some((inner) => matches(contact, inner));
	}
	const actual = fieldValue(contact, filter.field);
	const values = (Array.isArray(actual) ? actual : [actual]).filter((v) => v !== undefined && v !== '');
	const wanted = [filter.value].flat().map(normalize);
	switch (filter.operator) {
		case 'exists':
			return values.length > 0;
		case 'not_exists':
			return values.length === 0;
		case 'eq':
			return values.some((v) => wanted.includes(normalize(v)));
		case 'not_eq':
			return !values.some((v) => wanted.includes(normalize(v)));
		case 'contains':
			return values.some((v) => wanted.some((w) => normalize(v).includes(w)));
		case 'not_contains':
			return !values.some((v) => wanted.some((w) => normalize(v).includes(w)));
		case 'range':
			return values.some((v) => inRange(v, filter.value as Record<string, unknown>));
	}
}

function normalize(value: unknown): string {
	return String(value).trim().toLowerCase();
}

/** Range bounds (`gt`, `gte`, `lt`, `lte`) compare dates as instants and anything else as numbers. */
function inRange(value: unknown, range: Record<string, unknown> | undefined): boolean {
	if (!range || typeof range !== 'object') return false;
	const asNumber = (v: unknown) => (typeof v === 'number' ? v : Number.isNaN(Number(v)) ? Date.parse(String(v)) : Number(v));
	const actual = asNumber(value);
	const bound = (name: string) => (range[name] === undefined ? undefined : asNumber(range[name]));
	const [gt, gte, lt, lte] = ['gt', 'gte', 'lt', 'lte'].map(bound);
	return (
		(gt === undefined || actual > gt) &&
		(gte === undefined || actual >= gte) &&
		(lt === undefined || actual < lt) &&
		(lte === undefined || actual <= lte)
	);
}

/** Full-text `query` over name, email, phone and company, as the search box in HighLevel does. */
function matchesQuery(contact: Contact, query: string | undefined): boolean {
	if (!query?.trim()) return true;
	const needle = query.trim().toLowerCase();
	const digits = needle.replace(/\D/g, '');
	const haystack = [contact.firstName, contact.lastName, contact.name, contact.email, contact.companyName]
		.filter(Boolean)
		.join(' ')
		.toLowerCase();
	return (
		haystack.includes(needle) ||
		`${contact.firstName ?? ''} ${contact.lastName ?? ''}`.toLowerCase().includes(needle) ||
		(digits.length >= 3 && (contact.phone ?? '').replace(/\D/g, '').includes(digits))
	);
}
