import type { SimRequest, SimResponse } from '../common/http';
import type { AccessToken } from './auth';
import { unprocessable } from './auth';
import { searchContacts, SEARCH_PAGE_WINDOW, type SearchBody } from './search';
import {
	newId,
	renderContact,
	type Appointment,
	type Contact,
	type Conversation,
	type HighLevelStore,
	type Location,
	type Message,
	type Note,
	type Task,
} from './store';

/** One HighLevel operation per spec operationId, after auth, scopes, location access and rate limit passed. */

type Body = Record<string, any>;

export interface OperationContext {
	store: HighLevelStore;
	request: SimRequest;
	pathParams: Record<string, string>;
	/** query coerced to the spec's types */
	query: Record<string, any>;
	body: Body;
	token: AccessToken;
	location: Location;
}

type Operation = (ctx: OperationContext) => SimResponse;

export const ok = (body: unknown, status = 200): SimResponse => ({ status, body });
export const badRequest = (message: string, extra: Body = {}): SimResponse => ({
	status: 400,
	body: { statusCode: 400, message, ...extra },
});

const CONTACT_FIELDS = [
	'firstName',
	'lastName',
	'name',
	'email',
	'phone',
	'companyName',
	'source',
	'assignedTo',
	'timezone',
	'address1',
	'city',
	'state',
	'postalCode',
	'country',
	'website',
	'dateOfBirth',
	'dnd',
	'dndSettings',
] as const;

function normalizeTags(tags: unknown): string[] {
	return Array.isArray(tags) ? [...new Set(tags.map((tag) => String(tag).trim().toLowerCase()).filter(Boolean))] : [];
}

function now(): string {
	return new Date().toISOString();
}

/** Writes the DTO fields present in `body`; `tags` replace (the spec's documented overwrite). */
function applyContactFields(ctx: OperationContext, contact: Contact, body: Body, skip: string[] = []): void {
	for (const field of CONTACT_FIELDS) {
		if (body[field] !== undefined && !skip.includes(field)) (contact as unknown as Body)[field] = body[field];
	}
	if (body.tags !== undefined) contact.tags = normalizeTags(body.tags);
	if (body.customFields !== undefined) {
		for (const field of ctx.store.resolveCustomFields(contact.locationId, body.customFields)) {
			contact.customFields = [...contact.customFields.filter((f) => f.id !== field.id), field];
		}
	}
	contact.dateUpdated = now();
}

function createContact(ctx: OperationContext, body: Body): Contact {
	const timestamp = now();
	const contact: Contact = {
		id: newId(),
		locationId: ctx.location.id,
		tags: [],
		customFields: [],
		followers: [],
		campaigns: [],
		workflows: [],
		dateAdded: timestamp,
		dateUpdated: timestamp,
	};
	applyContactFields(ctx, contact, body);
	ctx.store.contacts.set(contact.id, contact);
	return contact;
}

function contactOf(ctx: OperationContext): Contact | SimResponse {
	const contact = ctx.store.contacts.get(ctx.pathParams.contactId);
	if (!contact || contact.locationId !== ctx.location.id) return badRequest('Contact not found');
	return contact;
}

/** Runs `fn` with the path's contact, or answers the API's "Contact not found". */
function withContact(fn: (ctx: OperationContext, contact: Contact) => SimResponse): Operation {
	return (ctx) => {
		const contact = contactOf(ctx);
		return 'status' in contact ? contact : fn(ctx, contact);
	};
}

function withTask(fn: (ctx: OperationContext, task: Task) => SimResponse): Operation {
	return withContact((ctx, contact) => {
		const task = ctx.store.tasks.get(ctx.pathParams.taskId);
		return task && task.contactId === contact.id ? fn(ctx, task) : badRequest('Task not found');
	});
}

function withNote(fn: (ctx: OperationContext, note: Note) => SimResponse): Operation {
	return withContact((ctx, contact) => {
		const note = ctx.store.notes.get(ctx.pathParams.id);
		return note && note.contactId === contact.id ? fn(ctx, note) : badRequest('Note not found');
	});
}

function withAppointment(fn: (ctx: OperationContext, appointment: Appointment) => SimResponse): Operation {
	return (ctx) => {
		const appointment = ctx.store.appointments.get(ctx.pathParams.eventId);
		return appointment && appointment.locationId === ctx.location.id
			? fn(ctx, appointment)
			: badRequest('Appointment not found');
	};
}

const renderTask = ({ id, title, body, assignedTo, dueDate, completed, contactId }: Task) => ({
	id,
	title,
	body,
	assignedTo,
	dueDate,
	completed,
	contactId,
});

function renderAppointment(appointment: Appointment) {
	return { ...appointment, status: appointment.appointmentStatus, users: [], isRecurring: false };
}

function updateTask(task: Task, body: Body): Task {
	for (const field of ['title', 'body', 'assignedTo', 'dueDate', 'completed'] as const) {
		if (body[field] !== undefined) (task as unknown as Body)[field] = body[field];
	}
	return task;
}

function listByContact<T extends { contactId: string }>(items: Map<string, T>, contactId: string): T[] {
	return [...items.values()].filter((item) => item.contactId === contactId);
}

export const operations: Record<string, Operation> = {
	// ---- contacts ----
	'create-contact': (ctx) => {
		const duplicate = ctx.location.allowDuplicateContact
			? undefined
			: ctx.store.findDuplicate(ctx.location, ctx.body.email, ctx.body.phone);
		if (duplicate) {
			return badRequest('This location does not allow duplicated contacts.', {
				meta: { contactName: duplicate.contact.name, contactId: duplicate.contact.id, matchingField: duplicate.matchingField },
			});
		}
		return ok({ contact: renderContact(createContact(ctx, ctx.body)) }, 201);
	},
	'get-contact': withContact((_ctx, contact) => ok({ contact: renderContact(contact) })),
	'update-contact': withContact((ctx, contact) => {
		applyContactFields(ctx, contact, ctx.body);
		return ok({ succeded: true, contact: renderContact(contact) });
	}),
	'delete-contact': withContact((ctx, contact) => {
		ctx.store.contacts.delete(contact.id);
		return ok({ succeded: true });
	}),
	'upsert-contact': (ctx) => {
		const { body, location } = ctx;
		if (body.createNewIfDuplicateAllowed && location.allowDuplicateContact) {
			return ok({ new: true, contact: renderContact(createContact(ctx, body)) });
		}
		const duplicate = ctx.store.findDuplicate(location, body.email, body.phone);
		if (!duplicate) return ok({ new: true, contact: renderContact(createContact(ctx, body)) });
		// the field after the matching one is ignored so the upsert cannot create a second duplicate
		const ignored = location.duplicatePriority.filter((field) => field !== duplicate.matchingField);
		const conflicting = ignored.filter((field) => {
			const other = ctx.store.findDuplicate({ ...location, duplicatePriority: [field] }, body.email, body.phone);
			return other && other.contact.id !== duplicate.contact.id;
		});
		applyContactFields(ctx, duplicate.contact, body, conflicting);
		return ok({ new: false, contact: renderContact(duplicate.contact) });
	},
	'get-duplicate-contact': (ctx) => {
		const duplicate = ctx.store.findDuplicate(ctx.location, ctx.query.email, ctx.query.number);
		return ok({ contact: duplicate ? renderContact(duplicate.contact) : null });
	},
	'get-contacts': (ctx) => {
		const limit = ctx.query.limit ?? 20;
		if (limit > 100) return { status: 422, body: unprocessable(['limit must not be greater than 100']) };
		const query = String(ctx.query.query ?? '').toLowerCase();
		const sorted = ctx.store
			.contactsOf(ctx.location.id)
			.filter((c) => !query || [c.firstName, c.lastName, c.email, c.phone, c.companyName].join(' ').toLowerCase().includes(query))
			.sort((a, b) => a.dateAdded.localeCompare(b.dateAdded) || a.id.localeCompare(b.id));
		let start = 0;
		if (ctx.query.startAfterId !== undefined || ctx.query.startAfter !== undefined) {
			const afterTime = Number(ctx.query.startAfter ?? 0);
			const afterId = String(ctx.query.startAfterId ?? '');
			start = sorted.findIndex((c) => {
				const time = Date.parse(c.dateAdded);
				return time > afterTime || (time === afterTime && c.id > afterId);
			});
			if (start === -1) start = sorted.length;
		}
		const page = sorted.slice(start, start + limit);
		const last = page[page.length - 1];
		const hasMore = start + limit < sorted.length;
		return ok({
			contacts: page.map(renderContact),
			count: sorted.length,
			meta: {
				total: sorted.length,
				startAfterId: last?.id ?? null,
				startAfter: last ? Date.parse(last.dateAdded) : null,
				currentPage: Math.floor(start / limit) + 1,
				nextPage: hasMore ? Math.floor(start / limit) + 2 : null,
				prevPage: start > 0 ? Math.floor(start / limit) : null,
				nextPageUrl: hasMore
					? `/contacts/?locationId=${ctx.location.id}&startAfter=${Date.parse(last.dateAdded)}&startAfterId=${last.id}&limit=${limit}`
					: null,
			},
		});
	},
	'search-contacts-advanced': (ctx) => {
		const result = searchContacts(ctx.store, ctx.store.version, () => ctx.store.contactsOf(ctx.location.id), ctx.body as SearchBody);
		if (result.windowExceeded) {
			return {
				status: 422,
				body: unprocessable([
					`Standard pagination can fetch up to ${SEARCH_PAGE_WINDOW} records. Use searchAfter to fetch more.`,
				]),
			};
		}
		return ok({ contacts: result.contacts, total: result.total });
	},
	'get-contacts-by-businessId': (ctx) => {
		const skip = Number(ctx.query.skip ?? 0);
		const limit = Number(ctx.query.limit ?? 25);
		const all = ctx.store.contactsOf(ctx.location.id).filter((c) => c.businessId === ctx.pathParams.businessId);
		return ok({ contacts: all.slice(skip, skip + limit).map(renderContact), count: all.length });
	},
	'add-remove-contact-from-business': (ctx) => {
		const ids: string[] = ctx.body.ids;
		for (const id of ids) {
			const contact = ctx.store.contacts.get(id);
			if (contact?.locationId === ctx.location.id) contact.businessId = ctx.body.businessId ?? undefined;
		}
		return ok({ success: true, ids });
	},
	'create-association': (ctx) => {
		const adding = ctx.pathParams.type === 'add';
		if (!adding && ctx.pathParams.type !== 'remove') return { status: 422, body: unprocessable(['type must be add or remove']) };
		const tags = normalizeTags(ctx.body.tags);
		const responses: string[] = [];
		for (const id of ctx.body.contacts as string[]) {
			const contact = ctx.store.contacts.get(id);
			if (contact?.locationId !== ctx.location.id) {
				responses.push(`${id}: contact not found`);
				continue;
			}
			if (adding) contact.tags = normalizeTags([...contact.tags, ...tags]);
			else contact.tags = ctx.body.removeAllTags ? [] : contact.tags.filter((tag) => !tags.includes(tag));
			contact.dateUpdated = now();
		}
		return ok({ succeded: responses.length === 0, errorCount: responses.length, responses }, 201);
	},
	// ---- tags, followers, campaigns, workflows ----
	'add-tags': withContact((ctx, contact) => {
		contact.tags = normalizeTags([...contact.tags, ...ctx.body.tags]);
		contact.dateUpdated = now();
		return ok({ tags: contact.tags }, 201);
	}),
	'remove-tags': withContact((ctx, contact) => {
		const removing = normalizeTags(ctx.body.tags);
		contact.tags = contact.tags.filter((tag) => !removing.includes(tag));
		contact.dateUpdated = now();
		return ok({ tags: contact.tags });
	}),
	'add-followers-contact': withContact((ctx, contact) => {
		const added = (ctx.body.followers as string[]).filter((id) => !contact.followers.includes(id));
		contact.followers.push(...added);
		return ok({ followers: contact.followers, followersAdded: added }, 201);
	}),
	'remove-followers-contact': withContact((ctx, contact) => {
		const removed = contact.followers.filter((id) => (ctx.body.followers as string[]).includes(id));
		contact.followers = contact.followers.filter((id) => !removed.includes(id));
		return ok({ followers: contact.followers, followersRemoved: removed });
	}),
	'add-contact-to-campaign': withContact((ctx, contact) => {
		if (!contact.campaigns.includes(ctx.pathParams.campaignId)) contact.campaigns.push(ctx.pathParams.campaignId);
		return ok({ succeded: true }, 201);
	}),
	'remove-contact-from-campaign': withContact((ctx, contact) => {
		contact.campaigns = contact.campaigns.filter((id) => id !== ctx.pathParams.campaignId);
		return ok({ succeded: true });
	}),
	'remove-contact-from-every-campaign': withContact((_ctx, contact) => {
		contact.campaigns = [];
		return ok({ succeded: true });
	}),
	'add-contact-to-workflow': withContact((ctx, contact) => {
		if (!contact.workflows.includes(ctx.pathParams.workflowId)) contact.workflows.push(ctx.pathParams.workflowId);
		return ok({ succeded: true });
	}),
	'delete-contact-from-workflow': withContact((ctx, contact) => {
		contact.workflows = contact.workflows.filter((id) => id !== ctx.pathParams.workflowId);
		return ok({ succeded: true });
	}),
	// ---- tasks ----
	'get-all-tasks': withContact((ctx, contact) => ok({ tasks: listByContact(ctx.store.tasks, contact.id).map(renderTask) })),
	'create-task': withContact((ctx, contact) => {
		const task = updateTask({ id: newId(), contactId: contact.id, title: '', dueDate: '', completed: false }, ctx.body);
		ctx.store.tasks.set(task.id, task);
		return ok({ task: renderTask(task) }, 201);
	}),
	'get-task': withTask((_ctx, task) => ok({ task: renderTask(task) })),
	'update-task': withTask((ctx, task) => ok({ task: renderTask(updateTask(task, ctx.body)) })),
	'update-task-completed': withTask((ctx, task) => ok({ task: renderTask(updateTask(task, { completed: ctx.body.completed })) })),
	'delete-task': withTask((ctx, task) => {
		ctx.store.tasks.delete(task.id);
		return ok({ succeded: true });
	}),
	// ---- notes ----
	'get-all-notes': withContact((ctx, contact) => ok({ notes: listByContact(ctx.store.notes, contact.id) })),
	'create-note': withContact((ctx, contact) => {
		const note: Note = { id: newId(), contactId: contact.id, body: ctx.body.body, dateAdded: now() };
		Object.assign(note, pick(ctx.body, ['userId', 'title', 'color', 'pinned']));
		ctx.store.notes.set(note.id, note);
		return ok({ note }, 201);
	}),
	'get-note': withNote((_ctx, note) => ok({ note })),
	'update-note': withNote((ctx, note) => ok({ note: Object.assign(note, pick(ctx.body, ['body', 'userId', 'title', 'color', 'pinned'])) })),
	'delete-note': withNote((ctx, note) => {
		ctx.store.notes.delete(note.id);
		return ok({ succeded: true });
	}),
	// ---- appointments ----
	'get-appointments-for-contact': withContact((ctx, contact) =>
		ok({ events: listByContact(ctx.store.appointments, contact.id).map(renderAppointment) }),
	),
	'create-appointment': (ctx) => {
		const { body } = ctx;
		const calendar = ctx.store.calendars.get(body.calendarId);
		if (!calendar || calendar.locationId !== ctx.location.id) return badRequest('Calendar not found');
		const contact = ctx.store.contacts.get(body.contactId);
		if (!contact || contact.locationId !== ctx.location.id) return badRequest('Contact not found');
		const start = Date.parse(body.startTime);
		const timestamp = now();
		const appointment: Appointment = {
			id: newId(),
			locationId: ctx.location.id,
			calendarId: calendar.id,
			contactId: contact.id,
			startTime: body.startTime,
			endTime: body.endTime ?? new Date(start + 30 * 60_000).toISOString(),
			appointmentStatus: body.appointmentStatus ?? 'confirmed',
			dateAdded: timestamp,
			dateUpdated: timestamp,
			...pick(body, ['title', 'assignedUserId', 'address', 'meetingLocationType']),
		};
		ctx.store.appointments.set(appointment.id, appointment);
		return ok(renderAppointment(appointment));
	},
	'get-appointment': withAppointment((_ctx, appointment) => ok({ event: renderAppointment(appointment) })),
	'edit-appointment': withAppointment((ctx, appointment) => {
		Object.assign(
			appointment,
			pick(ctx.body, ['title', 'startTime', 'endTime', 'appointmentStatus', 'assignedUserId', 'address', 'calendarId', 'meetingLocationType']),
			{ dateUpdated: now() },
		);
		return ok(renderAppointment(appointment));
	}),
	'delete-event': withAppointment((ctx, appointment) => {
		ctx.store.appointments.delete(appointment.id);
		return ok({ succeeded: true }, 201);
	}),
	'get-calendar-events': (ctx) => {
		const from = Number(ctx.query.startTime);
		const to = Number(ctx.query.endTime);
		const events = [...ctx.store.appointments.values()].filter(
			(a) =>
				a.locationId === ctx.location.id &&
				(!ctx.query.calendarId || a.calendarId === ctx.query.calendarId) &&
				(!ctx.query.userId || a.assignedUserId === ctx.query.userId) &&
				Date.parse(a.startTime) >= from &&
				Date.parse(a.startTime) <= to,
		);
		return ok({ events: events.map(renderAppointment) });
	},
	'get-calendars': (ctx) =>
		ok({ calendars: [...ctx.store.calendars.values()].filter((c) => c.locationId === ctx.location.id) }),
	// ---- location, custom fields, users ----
	'get-location': (ctx) => ok({ location: { id: ctx.location.id, companyId: ctx.location.companyId, name: ctx.location.name } }),
	'get-custom-fields': (ctx) => {
		const model = ctx.query.model ?? 'all';
		const fields = [...ctx.store.customFields.values()].filter(
			(field) => field.locationId === ctx.location.id && (model === 'all' || field.model === model),
		);
		return ok({ customFields: fields });
	},
	'search-users': (ctx) => {
		const query = String(ctx.query.query ?? '').toLowerCase();
		const skip = Number(ctx.query.skip ?? 0);
		const limit = Number(ctx.query.limit ?? 25);
		const users = [...ctx.store.users.values()].filter(
			(user) =>
				user.companyId === ctx.query.companyId &&
				(!ctx.query.locationId || user.locationIds.includes(ctx.query.locationId)) &&
				(!query || `${user.firstName} ${user.lastName} ${user.email}`.toLowerCase().includes(query)),
		);
		return ok({
			users: users.slice(skip, skip + limit).map(({ locationIds: _locationIds, companyId: _companyId, ...user }) => ({
				...user,
				name: `${user.firstName} ${user.lastName}`,
			})),
			count: users.length,
		});
	},
	// ---- conversations (enough to log calls and SMS) ----
	'create-conversation': (ctx) => {
		const contact = ctx.store.contacts.get(ctx.body.contactId);
		if (!contact || contact.locationId !== ctx.location.id) return badRequest('Contact not found');
		const conversation = { id: newId(), locationId: ctx.location.id, contactId: contact.id, dateAdded: now() };
		ctx.store.conversations.set(conversation.id, conversation);
		const { dateAdded } = conversation;
		return ok(
			{ success: true, conversation: { ...conversation, dateUpdated: dateAdded, deleted: false, lastMessageDate: dateAdded } },
			201,
		);
	},
	'search-conversation': (ctx) => {
		const found = [...ctx.store.conversations.values()].filter(
			(c) => c.locationId === ctx.location.id && (!ctx.query.contactId || c.contactId === ctx.query.contactId),
		);
		return ok({ conversations: found.map((c) => conversationSummary(ctx.store, c)), total: found.length });
	},
	'add-an-inbound-message': (ctx) => logMessage(ctx, 'inbound'),
	'add-an-outbound-message': (ctx) => logMessage(ctx, 'outbound'),
	'get-messages': (ctx) => {
		const conversation = ctx.store.conversations.get(ctx.pathParams.conversationId);
		if (!conversation || conversation.locationId !== ctx.location.id) return badRequest('Conversation not found');
		const types = ctx.query.type === undefined ? undefined : String(ctx.query.type).split(',');
		const inbox = inboxOf(ctx.store, conversation.id).filter((m) => !types || types.includes(m.messageType));
		let start = 0;
		if (ctx.query.lastMessageId !== undefined) {
			start = inbox.findIndex((m) => m.id === ctx.query.lastMessageId) + 1;
			if (start === 0) return badRequest('Message not found');
		}
		const limit = Number(ctx.query.limit ?? 20);
		const messages = inbox.slice(start, start + limit);
		return ok({
			// required by the spec even when there is no message
			lastMessageId: messages[messages.length - 1]?.id ?? '',
			nextPage: start + limit < inbox.length,
			messages,
		});
	},
};

/** The conversation's messages in the inbox order: newest first, the later of two with the same date first. */
function inboxOf(store: HighLevelStore, conversationId: string): Message[] {
	return [...store.messages.values()]
		.filter((m) => m.conversationId === conversationId)
		.reverse()
		.sort((a, b) => b.dateAdded.localeCompare(a.dateAdded));
}

/** A conversation as search lists it: who it is with and what was said last. */
function conversationSummary(store: HighLevelStore, conversation: Conversation): Body {
	const contact = store.contacts.get(conversation.contactId);
	const inbox = inboxOf(store, conversation.id);
	const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ') || (contact?.name ?? '');
	return {
		id: conversation.id,
		contactId: conversation.contactId,
		locationId: conversation.locationId,
		...(inbox[0] ? { lastMessageBody: inbox[0].body ?? '', lastMessageType: inbox[0].messageType } : {}),
		type: 'TYPE_PHONE',
		unreadCount: inbox.filter((m) => m.direction === 'inbound').length,
		fullName: name,
		contactName: name,
		email: contact?.email ?? '',
		phone: contact?.phone ?? '',
	};
}

/**
 * `messageType` and its number for the types the simulator logs. The numbers follow the order of the spec's
 * messageType enum (TYPE_RCS, a late addition, aside), which the spec itself pins: calls and voicemails are
 * "type 1 and 10", email "type 3".
 */
const MESSAGE_TYPES: Record<string, { messageType: string; type: number }> = {
	Call: { messageType: 'TYPE_CALL', type: 1 },
	SMS: { messageType: 'TYPE_SMS', type: 2 },
	Email: { messageType: 'TYPE_EMAIL', type: 3 },
};

/** Stores a message as the inbox will show it: the outbound endpoint logs calls, which carry no text. */
function logMessage(ctx: OperationContext, direction: 'inbound' | 'outbound'): SimResponse {
	const conversation = ctx.store.conversations.get(ctx.body.conversationId);
	if (!conversation || conversation.locationId !== ctx.location.id) return badRequest('Conversation not found');
	if (direction === 'inbound' && ctx.body.contactId !== conversation.contactId) {
		return badRequest('Contact does not belong to the conversation');
	}
	const kind = MESSAGE_TYPES[ctx.body.type];
	if (!kind) return { status: 501, body: { statusCode: 501, message: `type ${ctx.body.type} is not simulated` } };
	const call = kind.messageType === 'TYPE_CALL';
	const message: Message = {
		id: newId(),
		...kind,
		locationId: ctx.location.id,
		contactId: conversation.contactId,
		conversationId: conversation.id,
		dateAdded: ctx.body.date ? new Date(ctx.body.date).toISOString() : now(),
		...(ctx.body.message !== undefined ? { body: ctx.body.message } : {}),
		direction,
		contentType: 'text/plain',
		// "Attachments will be empty for Call and Voicemails" (GetMessageResponseDto)
		attachments: call ? [] : (ctx.body.attachments ?? []),
		...(call ? { meta: ctx.body.call?.status ? { callStatus: ctx.body.call.status } : {} } : {}),
		source: 'api',
		...(ctx.body.conversationProviderId ? { conversationProviderId: ctx.body.conversationProviderId } : {}),
	};
	ctx.store.messages.set(message.id, message);
	return ok({
		success: true,
		conversationId: conversation.id,
		messageId: message.id,
		message: 'Message added successfully',
		contactId: conversation.contactId,
		dateAdded: message.dateAdded,
	});
}

function pick(source: Body, keys: string[]): Body {
	return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}
