import { randomBytes } from 'node:crypto';

/** In-memory HighLevel data: sub-accounts (locations) and everything that lives in them. */

export interface Location {
	id: string;
	companyId: string;
	name: string;
	/** the location's "Allow Duplicate Contact" setting */
	allowDuplicateContact: boolean;
	/** order in which upsert and duplicate search look for an existing contact */
	duplicatePriority: Array<'email' | 'phone'>;
}

export interface CustomFieldDef {
	id: string;
	name: string;
	fieldKey: string;
	dataType: string;
	locationId: string;
	model: 'contact';
	position: number;
}

export interface Contact {
	id: string;
	locationId: string;
	firstName?: string;
	lastName?: string;
	name?: string;
	email?: string;
	phone?: string;
	companyName?: string;
	source?: string;
	assignedTo?: string;
	businessId?: string;
	timezone?: string;
	address1?: string;
	city?: string;
	state?: string;
	postalCode?: string;
	country?: string;
	website?: string;
	dateOfBirth?: string;
	dnd?: boolean;
	dndSettings?: Record<string, unknown>;
	tags: string[];
	customFields: Array<{ id: string; value: unknown }>;
	followers: string[];
	campaigns: string[];
	workflows: string[];
	dateAdded: string;
	dateUpdated: string;
}

export interface Task {
	id: string;
	contactId: string;
	title: string;
	body?: string;
	assignedTo?: string;
	dueDate: string;
	completed: boolean;
}

export interface Note {
	id: string;
	contactId: string;
	body: string;
	userId?: string;
	title?: string;
	color?: string;
	pinned?: boolean;
	dateAdded: string;
}

export interface Appointment {
	id: string;
	locationId: string;
	calendarId: string;
	contactId: string;
	title?: string;
	startTime: string;
	endTime: string;
	appointmentStatus: string;
	assignedUserId?: string;
	address?: string;
	meetingLocationType?: string;
	notes?: string;
	dateAdded: string;
	dateUpdated: string;
}

export interface User {
	id: string;
	companyId: string;
	locationIds: string[];
	firstName: string;
	lastName: string;
	email: string;
	phone?: string;
}

export interface Calendar {
	id: string;
	locationId: string;
	name: string;
}

export interface Conversation {
	id: string;
	locationId: string;
	contactId: string;
	dateAdded: string;
}

/** A conversation message as GET /conversations/{conversationId}/messages returns it (GetMessageResponseDto). */
export interface Message {
	id: string;
	/** the number HighLevel keeps for `messageType` */
	type: number;
	messageType: string;
	locationId: string;
	contactId: string;
	conversationId: string;
	dateAdded: string;
	/** the text; calls logged through the outbound-call endpoint have none */
	body?: string;
	direction: 'inbound' | 'outbound';
	contentType: string;
	attachments: string[];
	meta?: { callStatus?: string };
	source: 'api';
	conversationProviderId?: string;
}

export const DEFAULT_LOCATION_ID = 've9EPM428h8vShlRW1KT';
export const DEFAULT_COMPANY_ID = '5DP4iH6HLkQsiKESj6rh';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** HighLevel ids are 20 alphanumeric characters. */
export function newId(): string {
	return [...randomBytes(20)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

export class HighLevelStore {
	readonly locations = new Map<string, Location>();
	readonly contacts = new Map<string, Contact>();
	readonly tasks = new Map<string, Task>();
	readonly notes = new Map<string, Note>();
	readonly appointments = new Map<string, Appointment>();
	readonly customFields = new Map<string, CustomFieldDef>();
	readonly users = new Map<string, User>();
	readonly calendars = new Map<string, Calendar>();
	readonly conversations = new Map<string, Conversation>();
	readonly messages = new Map<string, Message>();
	/** bumped on every write so cached search orders know they are stale */
	version = 0;

	clear(): void {
		for (const map of Object.values(this)) if (map instanceof Map) map.clear();
		this.version++;
	}

	/** Creates a location with a user, a calendar and the custom fields most CRMs have. */
	addLocation(input: Partial<Location> & { id: string }): Location {
		const location: Location = {
			companyId: DEFAULT_COMPANY_ID,
			name: `Sub-account ${input.id}`,
			allowDuplicateContact: false,
			duplicatePriority: ['email', 'phone'],
			...input,
		};
		this.locations.set(location.id, location);
		if (![...this.users.values()].some((user) => user.locationIds.includes(location.id))) {
			const id = newId();
			this.users.set(id, {
				id,
				companyId: location.companyId,
				locationIds: [location.id],
				firstName: 'Alex',
				lastName: 'Agent',
				email: `alex.agent+${location.id.toLowerCase()}@example.com`,
				phone: '+14155550100',
			});
			const calendarId = newId();
			this.calendars.set(calendarId, { id: calendarId, locationId: location.id, name: 'Sales calls' });
			const fields: Array<[string, string, string]> = [
				['RingCentral Extension', 'ringcentral_extension', 'TEXT'],
				['Last Call At', 'last_call_at', 'DATE'],
				['Lead Score', 'lead_score', 'NUMERICAL'],
				['Call Notes', 'call_notes', 'LARGE_TEXT'],
			];
			fields.forEach(([name, key, dataType], position) => {
				const fieldId = newId();
				this.customFields.set(fieldId, {
					id: fieldId,
					name,
					fieldKey: `contact.${key}`,
					dataType,
					locationId: location.id,
					model: 'contact',
					position,
				});
			});
		}
		return location;
	}

	contactsOf(locationId: string): Contact[] {
		return [...this.contacts.values()].filter((contact) => contact.locationId === locationId);
	}

	/** Duplicate lookup the way HighLevel does it: emails case-insensitively, phones by their exact E.164 form. */
	findDuplicate(
		location: Location,
		email: string | undefined,
		phone: string | undefined,
	): { contact: Contact; matchingField: 'email' | 'phone' } | undefined {
		for (const field of location.duplicatePriority) {
			const wanted = field === 'email' ? email?.trim().toLowerCase() : phone?.trim();
			if (!wanted) continue;
			for (const contact of this.contacts.values()) {
				if (contact.locationId !== location.id) continue;
				const value = field === 'email' ? contact.email?.toLowerCase() : contact.phone;
				if (value === wanted) return { contact, matchingField: field };
			}
		}
		return undefined;
	}

	/** Resolves `{id | key, field_value | fieldValue | value}` to the location's field id; unknown fields are dropped. */
	resolveCustomFields(locationId: string, input: unknown): Array<{ id: string; value: unknown }> {
		if (!Array.isArray(input)) return [];
		const defs = [...this.customFields.values()].filter((def) => def.locationId === locationId);
		return input.flatMap((item: Record<string, unknown>) => {
			const key = typeof item.key === 'string' ? item.key.replace(/^contact\./, '') : undefined;
			const def = defs.find((d) => d.id === item.id || (key && d.fieldKey === `contact.${key}`));
			if (!def) return [];
			return [{ id: def.id, value: item.field_value ?? item.fieldValue ?? item.value }];
		});
	}
}

/** Contact as HighLevel returns it (GetContectByIdSchema): only the fields that have a value. */
export function renderContact(contact: Contact): Record<string, unknown> {
	const { campaigns: _campaigns, workflows: _workflows, ...fields } = contact;
	const rendered: Record<string, unknown> = {
		...fields,
		name: contact.name ?? ([contact.firstName, contact.lastName].filter(Boolean).join(' ') || undefined),
		emailLowerCase: contact.email?.toLowerCase(),
		firstNameLowerCase: contact.firstName?.toLowerCase(),
		lastNameLowerCase: contact.lastName?.toLowerCase(),
		type: 'lead',
		// the API answers custom field values as strings (CustomFieldSchema.value); lists stay lists
		customFields: contact.customFields.map(({ id, value }) => ({
			id,
			value: Array.isArray(value) || typeof value === 'object' ? value : String(value),
		})),
	};
	return Object.fromEntries(Object.entries(rendered).filter(([, value]) => value !== undefined));
}

/** Deterministic demo contacts: unique emails and E.164 phones per location and index. */
export function generatedContact(locationId: string, index: number, dateAdded: Date): Contact {
	const firstNames = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger'];
	const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen'];
	const firstName = firstNames[index % firstNames.length];
	const lastName = lastNames[Math.floor(index / firstNames.length) % lastNames.length];
	const iso = dateAdded.toISOString();
	return {
		id: newId(),
		locationId,
		firstName,
		lastName,
		email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase(),
		// 555-01xx numbers are reserved for fiction; the index keeps them unique per location
		phone: `+1${String(2000000000 + index).padStart(10, '0')}`,
		companyName: `Company ${index % 97}`,
		source: 'seed',
		tags: index % 3 === 0 ? ['customer'] : ['lead'],
		customFields: [],
		followers: [],
		campaigns: [],
		workflows: [],
		dateAdded: iso,
		dateUpdated: iso,
	};
}
