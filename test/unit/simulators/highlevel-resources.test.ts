import { join } from 'node:path';
import { SPECS_DIR, SpecValidator } from '../../simulators/common/spec-validator';
import { startHighLevelSimulator, type HighLevelSimulator } from '../../simulators/highlevel';
import { client } from './highlevel-support';

describe('HighLevel simulator resources', () => {
	let sim: HighLevelSimulator;
	let locationId: string;
	let api: ReturnType<typeof client>;
	let contacts: SpecValidator;

	beforeAll(async () => {
		sim = await startHighLevelSimulator({ rateLimit: false });
		contacts = await SpecValidator.load(join(SPECS_DIR, 'highlevel', 'apps', 'contacts.json'));
	});
	afterAll(async () => await sim.close());
	beforeEach(() => {
		sim.reset();
		const token = sim.issueToken() as { access_token: string; locationId: string };
		locationId = token.locationId;
		api = client(sim, token.access_token);
	});
	// the simulator checks its own answers against the spec too, so every happy path must leave no violation
	afterEach(() => expect(sim.violations).toEqual([]));

	/** Calls the API and checks status and body against the spec's response schema for that operation. */
	async function call(operationId: string, method: string, url: string, data?: unknown, status = 200) {
		const res = await api.request({ method, url, data });
		expect({ status: res.status, problems: contacts.validateResponse(operationId, res.status, res.data) }).toEqual({
			status,
			problems: [],
		});
		expect(typeof res.data.traceId).toBe('string');
		return res.data;
	}

	it('creates, reads, updates, upserts and deletes contacts in the spec shapes', async () => {
		const [field] = (await api.get(`/locations/${locationId}/customFields`)).data.customFields;
		const created = await call('create-contact', 'POST', '/contacts/', {
			locationId,
			firstName: 'Ada',
			email: 'Ada@Example.com',
			phone: '+14155550101',
			tags: ['VIP'],
			customFields: [{ id: field.id, field_value: 'ext 101' }],
		}, 201);
		const id = created.contact.id;
		expect(created.contact.customFields).toEqual([{ id: field.id, value: 'ext 101' }]);
		expect((await call('get-contact', 'GET', `/contacts/${id}`)).contact.email).toBe('Ada@Example.com');

		const updated = await call('update-contact', 'PUT', `/contacts/${id}`, { lastName: 'Lovelace' });
		expect(updated).toMatchObject({ succeded: true, contact: { firstName: 'Ada', lastName: 'Lovelace' } });

		// duplicates are found by lower-cased email, so the upsert updates instead of creating
		const upsert = await call('upsert-contact', 'POST', '/contacts/upsert', { locationId, email: 'ada@example.com', city: 'London' });
		expect(upsert).toMatchObject({ new: false, contact: { id, city: 'London' } });
		const duplicate = await api.post('/contacts/', { locationId, phone: '+14155550101' });
		expect(duplicate.status).toBe(400);
		expect(duplicate.data.meta).toMatchObject({ contactId: id, matchingField: 'phone' });
		const found = await api.get('/contacts/search/duplicate', { params: { locationId, number: '+14155550101' } });
		expect(found.data.contact.id).toBe(id);

		expect(await call('delete-contact', 'DELETE', `/contacts/${id}`)).toMatchObject({ succeded: true });
		const gone = await api.get(`/contacts/${id}`);
		expect(gone.status).toBe(400);
	});

	it('honours the location allowing duplicates when upserting', async () => {
		sim.seed({ allowDuplicateContact: true, contacts: [{ email: 'twin@example.com' }] });
		const upsert = await call('upsert-contact', 'POST', '/contacts/upsert', {
			locationId,
			email: 'twin@example.com',
			createNewIfDuplicateAllowed: true,
		});
		expect(upsert.new).toBe(true);
		expect(sim.store.contactsOf(locationId).filter((c) => c.email === 'twin@example.com')).toHaveLength(2);
	});

	it('adds and removes tags without touching the others', async () => {
		const { contactIds: [id] } = sim.seed({ contacts: [{ tags: ['old'] }] });
		expect((await call('add-tags', 'POST', `/contacts/${id}/tags`, { tags: ['new'] }, 201)).tags).toEqual(['old', 'new']);
		expect((await call('remove-tags', 'DELETE', `/contacts/${id}/tags`, { tags: ['old'] })).tags).toEqual(['new']);
	});

	it('manages tasks and notes of a contact', async () => {
		const { contactIds: [id] } = sim.seed({ contacts: 1 });
		const { task } = await call('create-task', 'POST', `/contacts/${id}/tasks`, { title: 'Call back', dueDate: '2030-01-01T10:00:00Z', completed: false }, 201);
		await call('update-task-completed', 'PUT', `/contacts/${id}/tasks/${task.id}/completed`, { completed: true });
		expect((await call('get-all-tasks', 'GET', `/contacts/${id}/tasks`)).tasks).toEqual([{ ...task, completed: true }]);
		expect(await call('delete-task', 'DELETE', `/contacts/${id}/tasks/${task.id}`)).toMatchObject({ succeded: true });

		const { note } = await call('create-note', 'POST', `/contacts/${id}/notes`, { body: 'Missed call from +14155550101' }, 201);
		await call('update-note', 'PUT', `/contacts/${id}/notes/${note.id}`, { body: 'Returned the call' });
		expect((await call('get-all-notes', 'GET', `/contacts/${id}/notes`)).notes.map((n: { body: string }) => n.body)).toEqual(['Returned the call']);
	});

	it('books appointments and lists them per contact', async () => {
		const { contactIds: [contactId] } = sim.seed({ contacts: 1 });
		const calendars = client(sim, (api.defaults.headers.Authorization as string).slice(7), '2021-04-15');
		const [calendar] = (await calendars.get('/calendars/', { params: { locationId } })).data.calendars;
		const booked = await calendars.post('/calendars/events/appointments', { calendarId: calendar.id, locationId, contactId, startTime: '2030-01-01T10:00:00Z' });
		expect(booked.status).toBe(200);
		const events = await call('get-appointments-for-contact', 'GET', `/contacts/${contactId}/appointments`);
		expect(events.events.map((e: { id: string }) => e.id)).toEqual([booked.data.id]);
	});

	it('pages through 25 000 contacts once each with searchAfter and stops page paging at 10 000', async () => {
		sim.seed({ contacts: 25_000 });
		const seen = new Set<string>();
		let searchAfter: unknown[] | undefined;
		for (;;) {
			const res = await api.post('/contacts/search', { locationId, pageLimit: 500, ...(searchAfter ? { searchAfter } : {}) });
			expect(res.data.total).toBe(25_000);
			for (const contact of res.data.contacts) seen.add(contact.id);
			if (res.data.contacts.length < 500) break;
			searchAfter = res.data.contacts[res.data.contacts.length - 1].searchAfter;
		}
		expect(seen.size).toBe(25_000);

		expect((await api.post('/contacts/search', { locationId, pageLimit: 500, page: 20 })).status).toBe(200);
		const past = await api.post('/contacts/search', { locationId, pageLimit: 500, page: 21 });
		expect(past.status).toBe(422);
		sim.violations.length = 0; // that 422 was the point of the request
	}, 20_000);

	it('filters and full-text searches contacts', async () => {
		sim.seed({
			contacts: [
				{ firstName: 'Grace', email: 'grace@navy.mil', tags: ['vip'], dateAdded: '2024-02-01T00:00:00.000Z' },
				{ firstName: 'Alan', email: 'alan@bletchley.uk', companyName: 'Bletchley', dateAdded: '2024-03-01T00:00:00.000Z' },
			],
		});
		const search = async (body: Record<string, unknown>) =>
			(await api.post('/contacts/search', { locationId, pageLimit: 10, ...body })).data.contacts.map((c: { firstName: string }) => c.firstName);
		expect(await search({ filters: [{ field: 'tags', operator: 'eq', value: 'vip' }] })).toEqual(['Grace']);
		expect(await search({ query: 'bletchley' })).toEqual(['Alan']);
		expect(await search({ filters: [{ field: 'dateAdded', operator: 'range', value: { gte: '2024-02-15T00:00:00Z' } }] })).toEqual(['Alan']);
		expect(
			await search({ filters: [{ group: 'OR', filters: [{ field: 'email', operator: 'eq', value: 'GRACE@navy.mil' }, { field: 'firstName', operator: 'contains', value: 'ala' }] }], sort: [{ field: 'firstName', direction: 'asc' }] }),
		).toEqual(['Alan', 'Grace']);
	});

	it('lists contacts with the deprecated endpoint and its meta cursor', async () => {
		sim.seed({ contacts: 150 });
		const first = await call('get-contacts', 'GET', `/contacts/?locationId=${locationId}&limit=100`);
		expect(first.contacts).toHaveLength(100);
		const second = await call('get-contacts', 'GET', `/contacts/?locationId=${locationId}&limit=100&startAfter=${first.meta.startAfter}&startAfterId=${first.meta.startAfterId}`);
		expect(second.contacts).toHaveLength(50);
		expect(new Set([...first.contacts, ...second.contacts].map((c: { id: string }) => c.id)).size).toBe(150);
	});
});
