/** Issue 2's proof, part 1: every operation of the HighLevel Contacts node, run by a real n8n against the HighLevel
 * simulator, checked on the node outputs, the simulator's state and the requests it recorded (all valid against
 * HighLevel's OpenAPI spec). Bad input, continueOnFail, read-only and Private Integration credentials too. */
import { n8n } from './harness/n8n';
import {
	chain,
	connect,
	contactRef,
	highLevelNode,
	oAuth2Credential,
	pairedItems,
	privateIntegrationCredential,
	route,
	routeCounts,
	writes,
	type HighLevelCredential,
} from './support/highlevel';
import { newId, type Appointment } from '../simulators/highlevel/store';
import { startHighLevelSimulator, type HighLevelSimulator } from '../simulators/highlevel';

let sim: HighLevelSimulator;
beforeAll(async () => {
	sim = await startHighLevelSimulator({ rateLimit: true });
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());
// every request of every test must have matched HighLevel's spec
afterEach(() => expect(sim.violations).toEqual([]));

const locationId = () => sim.store.locations.keys().next().value as string;
const userId = () => sim.store.users.keys().next().value as string;
const customFieldId = (key: string) =>
	[...sim.store.customFields.values()].find((field) => field.fieldKey === `contact.${key}`)!.id;

/** Two appointments of a seeded contact (HighLevel books them in calendars, which this node only reads). */
function seedAppointments(contactId: string): string[] {
	const calendarId = sim.store.calendars.keys().next().value as string;
	return ['2026-03-03T15:00:00.000Z', '2026-03-10T15:00:00.000Z'].map((startTime) => {
		const appointment: Appointment = {
			id: newId(),
			locationId: locationId(),
			calendarId,
			contactId,
			title: 'Discovery call',
			startTime,
			endTime: startTime.replace('15:00', '15:30'),
			appointmentStatus: 'confirmed',
			dateAdded: startTime,
			dateUpdated: startTime,
		};
		sim.store.appointments.set(appointment.id, appointment);
		return appointment.id;
	});
}

const people = [
	{
		firstName: 'Ada',
		email: 'Ada.Lovelace@Example.com',
		phone: '(415) 555-0132',
		birthday: '1990-12-10',
		score: 42,
	},
	{
		firstName: 'Grace',
		email: 'grace@navy.example',
		phone: '+44 20 7946 0958',
		birthday: '1986-12-09',
		score: 7,
	},
];
const E164 = ['+14155550132', '+442079460958'];
const BUSINESS_ID = 'Bz9Business000000001';

describe('every operation in two workflow runs (two input items each)', () => {
	let oauth: HighLevelCredential;
	beforeEach(async () => {
		oauth = await oAuth2Credential(sim, sim.issueToken());
	});

	test('create, read, update and enrich contacts with tasks, notes, tags, followers, campaigns and workflows; then remove and delete', async () => {
		const [appointmentOwner, ...doomed] = sim.seed({ contacts: 3 }).contactIds;
		const appointmentIds = seedAppointments(appointmentOwner);
		const hl = (name: string, resource: string, operation: string, parameters = {}) =>
			highLevelNode(name, oauth, resource, operation, parameters);
		const created = contactRef("={{ $('Create').item.json.id }}");
		const steps = [
			hl('Create', 'contact', 'create', {
				additionalFields: {
					firstName: '={{ $json.firstName }}',
					lastName: 'Example',
					email: '={{ $json.email }}',
					phone: '={{ $json.phone }}',
					dateOfBirth: '={{ $json.birthday }}',
					tags: 'lead, e2e',
					source: 'n8n e2e',
					customFields: {
						field: [{ id: customFieldId('lead_score'), value: '={{ $json.score }}' }],
					},
				},
			}),
			hl('Get', 'contact', 'get', { contactId: contactRef('={{ $json.id }}'), simplify: false }),
			hl('Update', 'contact', 'update', { contactId: created, updateFields: { city: 'London' } }),
			hl('Upsert', 'contact', 'upsert', {
				additionalFields: {
					email: "={{ $('Create').item.json.email }}",
					companyName: 'Analytical Engines',
				},
			}),
			hl('Find Duplicate', 'contact', 'findDuplicate', {
				email: "={{ $('Create').item.json.email.toUpperCase() }}",
			}),
			hl('Add Tag', 'tag', 'add', { contactId: created, tags: 'vip' }),
			hl('Remove Tag', 'tag', 'remove', { contactId: created, tags: 'lead' }),
			hl('Add Followers', 'contact', 'addFollowers', {
				contactId: created,
				followers: [userId(), 'Fo11ower000000000002'],
			}),
			hl('Remove Followers', 'contact', 'removeFollowers', {
				contactId: created,
				followers: [userId()],
			}),
			hl('Add Campaign Spring', 'contact', 'addToCampaign', {
				contactId: created,
				campaignId: 'spring',
			}),
			hl('Add Campaign Summer', 'contact', 'addToCampaign', {
				contactId: created,
				campaignId: 'summer',
			}),
			hl('Remove Campaign Spring', 'contact', 'removeFromCampaign', {
				contactId: created,
				campaignId: 'spring',
			}),
			hl('Add Workflow', 'contact', 'addToWorkflow', {
				contactId: created,
				workflowId: 'nurture',
				eventStartTime: '2026-03-01T09:30:00.000Z',
			}),
			hl('Create Task', 'task', 'create', {
				contactId: created,
				title: "=Call {{ $('Create').item.json.firstName }}",
				dueDate: '2026-03-02T10:00:00Z',
				additionalFields: { body: 'Discuss the engine', assignedTo: userId() },
			}),
			hl('Update Task', 'task', 'update', {
				contactId: created,
				taskId: '={{ $json.id }}',
				updateFields: { title: '={{ $json.title }} back' },
			}),
			hl('Complete Task', 'task', 'complete', {
				contactId: created,
				taskId: '={{ $json.id }}',
				completed: true,
			}),
			hl('Get Task', 'task', 'get', { contactId: created, taskId: '={{ $json.id }}' }),
			hl('Create Note', 'note', 'create', {
				contactId: created,
				body: "=Met {{ $('Create').item.json.firstName }}",
				additionalFields: { title: 'Meeting', pinned: true },
			}),
			hl('Update Note', 'note', 'update', {
				contactId: created,
				noteId: '={{ $json.id }}',
				updateFields: { body: '={{ $json.body }} again' },
			}),
			hl('Get Note', 'note', 'get', { contactId: created, noteId: '={{ $json.id }}' }),
			hl('Bulk Tags', 'contact', 'bulkUpdateTags', {
				action: 'add',
				contactIds: "={{ $('Create').item.json.id }}",
				tags: 'bulk',
			}),
			hl('Bulk Business', 'contact', 'bulkUpdateBusiness', {
				contactIds: "={{ $('Create').item.json.id }}",
				businessId: BUSINESS_ID,
			}),
		];
		// reads that return several items per input item end the chain as branches of its last node
		const reads = [
			hl('By Business', 'contact', 'getByBusiness', { businessId: BUSINESS_ID, returnAll: true }),
			hl('Search', 'contact', 'getAll', {
				query: "={{ $('Create').item.json.email }}",
				limit: 10,
				filters: { filter: [{ field: 'tags', operator: 'eq', value: 'bulk' }] },
			}),
			hl('Tasks', 'task', 'getAll', { contactId: created, returnAll: true }),
			hl('Notes', 'note', 'getAll', { contactId: created, returnAll: true }),
			hl('Appointments', 'appointment', 'getAll', {
				contactId: contactRef(appointmentOwner),
				limit: 1,
			}),
		];
		const lifecycle = chain(steps);
		lifecycle.nodes.push(...reads);
		Object.assign(
			lifecycle.connections,
			connect(...reads.map((node): [string, string] => ['Bulk Business', node.name])),
		);

		const run = await n8n.runWorkflow(lifecycle, people);

		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		for (const node of steps)
			expect({ node: node.name, paired: pairedItems(run, node.name) }).toEqual({
				node: node.name,
				paired: [0, 1],
			});
		const contacts = run.json('Create');
		const ids = contacts.map((contact) => contact.id as string);
		expect(contacts).toEqual(
			people.map((person, i) =>
				expect.objectContaining({
					firstName: person.firstName,
					email: person.email,
					phone: E164[i],
					dateOfBirth: person.birthday,
					tags: ['lead', 'e2e'],
					customFields: [{ id: customFieldId('lead_score'), value: String(person.score) }],
				}),
			),
		);
		expect(run.json('Get')).toEqual(
			ids.map((id) => expect.objectContaining({ id, locationId: locationId(), source: 'n8n e2e' })),
		);
		expect(run.json('Update')).toEqual(
			ids.map((id) => expect.objectContaining({ id, city: 'London' })),
		);
		expect(run.json('Upsert')).toEqual(
			ids.map((id) =>
				expect.objectContaining({ id, new: false, companyName: 'Analytical Engines' }),
			),
		);
		expect(run.json('Find Duplicate').map((contact) => contact.id)).toEqual(ids);
		expect(run.json('Add Tag')).toEqual(ids.map((id) => ({ id, tags: ['lead', 'e2e', 'vip'] })));
		expect(run.json('Remove Tag')).toEqual(ids.map((id) => ({ id, tags: ['e2e', 'vip'] })));
		expect(run.json('Add Followers')).toEqual(
			ids.map((id) =>
				expect.objectContaining({ id, followersAdded: [userId(), 'Fo11ower000000000002'] }),
			),
		);
		expect(run.json('Remove Followers')).toEqual(
			ids.map((id) => expect.objectContaining({ id, followersRemoved: [userId()] })),
		);
		for (const node of [
			'Add Campaign Spring',
			'Add Campaign Summer',
			'Remove Campaign Spring',
			'Add Workflow',
		]) {
			expect(run.json(node)).toEqual(ids.map((id) => ({ success: true, id })));
		}
		const tasks = run.json('Get Task');
		expect(tasks).toEqual(
			people.map((person, i) =>
				expect.objectContaining({
					contactId: ids[i],
					title: `Call ${person.firstName} back`,
					body: 'Discuss the engine',
					assignedTo: userId(),
					dueDate: '2026-03-02T10:00:00Z',
					completed: true,
				}),
			),
		);
		const notes = run.json('Get Note');
		expect(notes).toEqual(
			people.map((person, i) =>
				expect.objectContaining({
					contactId: ids[i],
					body: `Met ${person.firstName} again`,
					title: 'Meeting',
					pinned: true,
				}),
			),
		);
		expect(run.json('Bulk Tags')).toEqual(
			[0, 1].map(() => expect.objectContaining({ success: true, errorCount: 0 })),
		);
		expect(run.json('Bulk Business')).toEqual(
			ids.map((id) => expect.objectContaining({ success: true, ids: [id] })),
		);
		// each input item gets both contacts of the business, paired with it
		expect(run.json('By Business').map((contact) => contact.id)).toEqual([...ids, ...ids]);
		expect(pairedItems(run, 'By Business')).toEqual([0, 0, 1, 1]);
		expect(run.json('Search').map((contact) => contact.id)).toEqual(ids);
		expect(run.json('Tasks').map((task) => task.id)).toEqual(tasks.map((task) => task.id));
		expect(run.json('Notes').map((note) => note.id)).toEqual(notes.map((note) => note.id));
		expect(run.json('Appointments').map((event) => event.id)).toEqual([
			appointmentIds[0],
			appointmentIds[0],
		]);
		expect(pairedItems(run, 'Appointments')).toEqual([0, 1]);

		// the simulator's state is what the operations said they did
		for (const [i, id] of ids.entries()) {
			expect(sim.store.contacts.get(id)).toMatchObject({
				phone: E164[i],
				city: 'London',
				companyName: 'Analytical Engines',
				tags: ['e2e', 'vip', 'bulk'],
				followers: ['Fo11ower000000000002'],
				campaigns: ['summer'],
				workflows: ['nurture'],
				businessId: BUSINESS_ID,
			});
		}
		// one request per operation and item, to the endpoint the spec names for it; none failed or was retried
		expect(sim.requests.filter((r) => r.status >= 300)).toEqual([]);
		expect(routeCounts(sim.requests)).toEqual({
			'POST /contacts/': 2,
			'GET /contacts/:id': 2,
			'PUT /contacts/:id': 2,
			'POST /contacts/upsert': 2,
			'GET /contacts/search/duplicate': 2,
			'POST /contacts/:id/tags': 2,
			'DELETE /contacts/:id/tags': 2,
			'POST /contacts/:id/followers': 2,
			'DELETE /contacts/:id/followers': 2,
			'POST /contacts/:id/campaigns/spring': 2,
			'POST /contacts/:id/campaigns/summer': 2,
			'DELETE /contacts/:id/campaigns/spring': 2,
			'POST /contacts/:id/workflow/nurture': 2,
			'POST /contacts/:id/tasks': 2,
			'PUT /contacts/:id/tasks/:id': 2,
			'PUT /contacts/:id/tasks/:id/completed': 2,
			'GET /contacts/:id/tasks/:id': 2,
			'POST /contacts/:id/notes': 2,
			'PUT /contacts/:id/notes/:id': 2,
			'GET /contacts/:id/notes/:id': 2,
			'POST /contacts/bulk/tags/update/add': 2,
			'POST /contacts/bulk/business': 2,
			'GET /contacts/business/:id': 2,
			'POST /contacts/search': 2,
			'GET /contacts/:id/tasks': 2,
			'GET /contacts/:id/notes': 2,
			'GET /contacts/:id/appointments': 2,
		});
		const createBodies = sim.requests.filter((r) => r.path === '/contacts/').map((r) => r.body);
		expect(createBodies).toEqual(
			people.map((person, i) =>
				expect.objectContaining({
					locationId: locationId(),
					phone: E164[i],
					tags: ['lead', 'e2e'],
					customFields: [expect.objectContaining({ id: customFieldId('lead_score') })],
				}),
			),
		);
		const workflowBody = sim.requests.find((r) => r.path.endsWith('/workflow/nurture'))!.body;
		expect(workflowBody).toEqual({ eventStartTime: '2026-03-01T09:30:00Z' });
		expect(sim.requests.every((r) => r.headers.version === '2021-07-28')).toBe(true);

		// second run: undo what the first one added, and delete two other contacts
		sim.requests.length = 0;
		const byItem = (field: string) => `={{ $('Start').item.json.${field} }}`;
		const teardown = chain([
			hl('Leave Workflow', 'contact', 'removeFromWorkflow', {
				contactId: contactRef(byItem('contactId')),
				workflowId: 'nurture',
			}),
			hl('Leave Campaigns', 'contact', 'removeFromAllCampaigns', {
				contactId: contactRef(byItem('contactId')),
			}),
			hl('Delete Task', 'task', 'delete', {
				contactId: contactRef(byItem('contactId')),
				taskId: byItem('taskId'),
			}),
			hl('Delete Note', 'note', 'delete', {
				contactId: contactRef(byItem('contactId')),
				noteId: byItem('noteId'),
			}),
			hl('Delete Contact', 'contact', 'delete', { contactId: contactRef(byItem('doomedId')) }),
		]);
		const input = ids.map((contactId, i) => ({
			contactId,
			taskId: tasks[i].id,
			noteId: notes[i].id,
			doomedId: doomed[i],
		}));

		const cleanup = await n8n.runWorkflow(teardown, input);

		expect(cleanup.error).toBeUndefined();
		for (const node of teardown.nodes) expect(pairedItems(cleanup, node.name)).toEqual([0, 1]);
		expect(cleanup.json('Leave Workflow')).toEqual(ids.map((id) => ({ success: true, id })));
		expect(cleanup.json('Leave Campaigns')).toEqual(ids.map((id) => ({ success: true, id })));
		expect(cleanup.json('Delete Task')).toEqual(
			tasks.map((task) => ({ success: true, id: task.id })),
		);
		expect(cleanup.json('Delete Note')).toEqual(
			notes.map((note) => ({ success: true, id: note.id })),
		);
		expect(cleanup.json('Delete Contact')).toEqual(doomed.map((id) => ({ success: true, id })));
		for (const id of ids)
			expect(sim.store.contacts.get(id)).toMatchObject({ campaigns: [], workflows: [] });
		expect(sim.store.tasks.size + sim.store.notes.size).toBe(0);
		expect(doomed.filter((id) => sim.store.contacts.has(id))).toEqual([]);
		expect(sim.store.contacts.has(appointmentOwner)).toBe(true);
		expect(routeCounts(sim.requests)).toEqual({
			'DELETE /contacts/:id/workflow/nurture': 2,
			'DELETE /contacts/:id/campaigns/removeAll': 2,
			'DELETE /contacts/:id/tasks/:id': 2,
			'DELETE /contacts/:id/notes/:id': 2,
			'DELETE /contacts/:id': 2,
		});
	});
});

describe('bad input', () => {
	let oauth: HighLevelCredential;
	beforeEach(async () => {
		oauth = await oAuth2Credential(sim, sim.issueToken());
	});

	const contactInput = (overrides: Record<string, string>) => ({
		firstName: 'Alan',
		email: 'alan@example.com',
		phone: '+14155550199',
		birthday: '1990-06-23',
		...overrides,
	});
	const createContact = (settings = {}) =>
		highLevelNode(
			'Create',
			oauth,
			'contact',
			'create',
			{
				additionalFields: {
					firstName: '={{ $json.firstName }}',
					email: '={{ $json.email }}',
					phone: '={{ $json.phone }}',
					dateOfBirth: '={{ $json.birthday }}',
				},
			},
			settings,
		);

	test('with continueOnFail, each bad item becomes an error item naming its field, and the good items are created', async () => {
		const input = [
			contactInput({ firstName: 'First', email: 'first@example.com', phone: '+14155550101' }),
			contactInput({ email: 'not-an-email' }),
			contactInput({ phone: '12' }),
			contactInput({ birthday: 'the 32nd of Smarch' }),
			contactInput({ firstName: 'Last', email: 'last@example.com', phone: '+14155550105' }),
		];

		const run = await n8n.runWorkflow(
			{ nodes: [createContact({ onError: 'continueRegularOutput' })], connections: {} },
			input,
		);

		expect(run.status).toBe('success');
		const output = run.json('Create');
		expect(pairedItems(run, 'Create')).toEqual([0, 1, 2, 3, 4]);
		expect(output[0]).toMatchObject({ firstName: 'First', phone: '+14155550101' });
		expect(output[1].error).toMatch(/"Email" field of item 1 .*not-an-email/);
		expect(output[2].error).toMatch(/"Phone" field of item 2 .*12/);
		expect(output[3].error).toMatch(/"Date of Birth" field of item 3 .*Smarch/);
		expect(output[4]).toMatchObject({ firstName: 'Last', phone: '+14155550105' });
		expect(writes(sim).map((r) => (r.body as { email: string }).email)).toEqual([
			'first@example.com',
			'last@example.com',
		]);
		expect(sim.store.contacts.size).toBe(2);
	});

	test('without continueOnFail, the run stops at the bad item: the error names field and item, and it is not sent', async () => {
		const input = [contactInput({}), contactInput({ email: 'alan at example.com' })];

		const run = await n8n.runWorkflow({ nodes: [createContact()], connections: {} }, input);

		expect(run.status).toBe('error');
		expect(run.error).toMatchObject({ node: 'Create' });
		expect(run.error!.message).toMatch(/"Email" field of item 1 is not a valid email address/);
		expect(writes(sim).map((r) => (r.body as { email: string }).email)).toEqual([
			'alan@example.com',
		]);
	});

	test('an id containing "/" is refused before anything is sent', async () => {
		const [contactId] = sim.seed({ contacts: 1 }).contactIds;
		const input = [{ contactId: `${contactId}/../../locations` }];
		const note = highLevelNode('Note', oauth, 'note', 'create', {
			contactId: contactRef('={{ $json.contactId }}'),
			body: 'Hi',
		});

		const run = await n8n.runWorkflow({ nodes: [note], connections: {} }, input);

		expect(run.status).toBe('error');
		expect(run.error!.message).toMatch(
			/"Contact" field of item 0 is not a valid ID \(it contains "\/"\)/,
		);
		expect(sim.requests).toEqual([]);
		expect(sim.store.notes.size).toBe(0);
	});
});

describe('credentials', () => {
	test('a Private Integration token works for reads and writes', async () => {
		const pit = await privateIntegrationCredential(sim);
		const workflow = chain([
			highLevelNode('Create', pit, 'contact', 'create', {
				additionalFields: { email: '={{ $json.email }}', firstName: 'Pit' },
			}),
			highLevelNode('Tag', pit, 'tag', 'add', {
				contactId: contactRef('={{ $json.id }}'),
				tags: 'private',
			}),
			highLevelNode('Get', pit, 'contact', 'get', { contactId: contactRef('={{ $json.id }}') }),
		]);

		const run = await n8n.runWorkflow(workflow, [{ email: 'pit@example.com' }]);

		expect(run.error).toBeUndefined();
		const [contact] = run.json('Get');
		expect(contact).toMatchObject({
			email: 'pit@example.com',
			firstName: 'Pit',
			tags: ['private'],
		});
		expect(sim.store.contacts.get(contact.id as string)).toMatchObject({
			locationId: locationId(),
			tags: ['private'],
		});
		expect(routeCounts(sim.requests)).toEqual({
			'POST /contacts/': 1,
			'POST /contacts/:id/tags': 1,
			'GET /contacts/:id': 1,
		});
		expect(
			sim.requests.every((r) => r.status < 300 && r.headers.authorization === '[redacted]'),
		).toBe(true);
	});

	test('a read-only OAuth2 credential reads, but a write fails with a hint and is never sent', async () => {
		const token = sim.issueToken({ scopes: ['contacts.readonly'] });
		const readOnly = await oAuth2Credential(sim, token, 'contacts.readonly');
		const [contactId] = sim.seed({ contacts: 1 }).contactIds;
		const workflow = chain([
			highLevelNode('Get', readOnly, 'contact', 'get', { contactId: contactRef(contactId) }),
			highLevelNode('Add Note', readOnly, 'note', 'create', {
				contactId: contactRef('={{ $json.id }}'),
				body: 'Hi',
			}),
		]);

		const run = await n8n.runWorkflow(workflow);

		expect(run.json('Get')).toEqual([expect.objectContaining({ id: contactId })]);
		expect(run.status).toBe('error');
		expect(run.error).toMatchObject({ node: 'Add Note' });
		expect(run.error!.message).toMatch(
			/needs the HighLevel scope "contacts\.write".*Read & Write.*reconnect/,
		);
		expect(routeCounts(sim.requests)).toEqual({ 'GET /contacts/:id': 1 });
		expect(sim.store.notes.size).toBe(0);
	});

	test('a read-only Private Integration is refused by HighLevel with the same hint, and nothing changes', async () => {
		const readOnly = await privateIntegrationCredential(sim, { scopes: ['contacts.readonly'] });
		const [contactId] = sim.seed({ contacts: 1 }).contactIds;
		const tag = highLevelNode('Tag', readOnly, 'tag', 'add', {
			contactId: contactRef(contactId),
			tags: 'vip',
		});

		const run = await n8n.runWorkflow({ nodes: [tag], connections: {} });

		expect(run.status).toBe('error');
		expect(run.error!.message).toMatch(/needs the HighLevel scope "contacts\.write"/);
		// n8n itself sends a request refused with 401 once more for credentials that are not OAuth2
		expect(new Set(sim.requests.map((r) => `${r.status} ${route(r)}`))).toEqual(
			new Set(['401 POST /contacts/:id/tags']),
		);
		expect(sim.store.contacts.get(contactId)!.tags).not.toContain('vip');
	});
});
