/** Regressions found by hand-testing the nodes as a new user would, with inputs no other test used: values from
 * expressions (numbers, null, epoch timestamps, lower-case words) and edge values of Limit and Search Query. Each
 * must end in a clear error before any request, or in a request the vendor's spec accepts. */
import { n8n } from './harness/n8n';
import {
	chain,
	contactRef,
	highLevelNode,
	oAuth2Credential,
	type HighLevelCredential,
} from './support/highlevel';
import {
	chain as rcChain,
	createJwtCredential,
	OWNER_SMS_NUMBER,
	requestsTo,
	ringCentralNode,
	useRingCentralSimulator,
	type Credential,
} from './support/ringcentral';
import { startHighLevelSimulator, type HighLevelSimulator } from '../simulators/highlevel';

describe('HighLevel Contacts node', () => {
	let sim: HighLevelSimulator;
	let credential: HighLevelCredential;
	beforeAll(async () => {
		sim = await startHighLevelSimulator();
	});
	afterAll(async () => await sim.close());
	beforeEach(async () => {
		sim.reset();
		credential = await oAuth2Credential(sim, sim.issueToken());
	});
	afterEach(() => expect(sim.violations).toEqual([]));

	const seededContactId = () =>
		sim.seed({ contacts: [{ firstName: 'Maria', phone: '+14155550142', tags: [] }] }).contactIds[0];

	test('a Search Query over 75 characters is refused before searching', async () => {
		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('Search', credential, 'contact', 'getAll', {
					limit: 5,
					query: 'q'.repeat(76),
				}),
			]),
		);

		expect(result.error?.message).toMatch(
			/"Search Query" field of item 0 is 76 characters long; HighLevel accepts at most 75/,
		);
		expect(sim.requests.filter((request) => request.path === '/contacts/search')).toEqual([]);
	});

	test('a null entry in a tag list from an expression adds no "null" tag', async () => {
		const contactId = seededContactId();

		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('Tag', credential, 'tag', 'add', {
					contactId: contactRef(contactId),
					tags: '={{ ["vip", null] }}',
				}),
			]),
		);

		expect(result.error).toBeUndefined();
		expect(sim.store.contacts.get(contactId)?.tags).toEqual(['vip']);
	});

	test('an empty contact ID is reported as missing, not as containing "/"', async () => {
		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('Delete', credential, 'contact', 'delete', { contactId: contactRef('') }),
			]),
		);

		expect(result.error?.message).toContain('Parameter "Contact" is required');
		expect(result.error?.message).not.toContain('cannot contain "/"');
	});

	test('Sync Contact takes an address mapped as one text as the street line', async () => {
		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('Sync', credential, 'ringCentral', 'syncContact', {
					firstName: 'Ada',
					phone: '+14155550111',
					address: '1 Main St',
				}),
			]),
		);

		expect(result.error).toBeUndefined();
		const contactId = String(result.json('Sync')[0].contactId);
		expect(sim.store.contacts.get(contactId)?.address1).toBe('1 Main St');
	});

	test('a due date given as epoch milliseconds is sent as that instant', async () => {
		const contactId = seededContactId();

		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('Task', credential, 'task', 'create', {
					contactId: contactRef(contactId),
					title: 'Call back',
					dueDate: '={{ 1767225600000 }}',
				}),
			]),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Task')[0].dueDate).toBe('2026-01-01T00:00:00Z');
	});

	test('Log Call accepts a lower-case direction and an epoch start time, as other systems write them', async () => {
		const contactId = seededContactId();

		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('Log', credential, 'ringCentral', 'logCall', {
					activityId: 'call-1',
					direction: '={{ "inbound" }}',
					from: '(415) 555-0142',
					to: '+16505550101',
					result: 'Answered',
					time: '={{ 1767225600000 }}',
					duration: '={{ 75 }}',
				}),
			]),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('Log')[0]).toMatchObject({ action: 'logged', contactId });
		const [note] = [...sim.store.notes.values()];
		expect(note.body).toContain('Inbound call - Answered\nTime: 2026-01-01T00:00:00Z');
	});

	test('Log Message keeps a text that an expression gives as a number', async () => {
		seededContactId();

		const result = await n8n.runWorkflow(
			chain([
				highLevelNode('Log', credential, 'ringCentral', 'logMessage', {
					activityId: 'sms-1',
					direction: 'Inbound',
					from: '+14155550142',
					to: '+16505550101',
					messageType: 'SMS',
					text: '={{ 42 }}',
					time: '',
				}),
			]),
		);

		expect(result.error).toBeUndefined();
		const [note] = [...sim.store.notes.values()];
		expect(note.body).toContain('Text: 42');
	});
});

describe('RingCentral node', () => {
	const rig = useRingCentralSimulator();
	let credential: Credential;
	beforeEach(async () => {
		credential = await createJwtCredential(rig.sim);
	});

	test.each([0, 1.5])(
		'a Limit of %p from an expression fails the item before any request',
		async (limit) => {
			const result = await n8n.runWorkflow(
				rcChain(
					ringCentralNode('ringCentral', 'Calls', credential, {
						resource: 'callLog',
						operation: 'getAll',
						limit: `={{ ${limit} }}`,
					}),
				),
			);

			expect(result.error?.message).toMatch(/Limit .*whole number of at least 1/);
			expect(requestsTo(rig.sim, '/call-log')).toEqual([]);
		},
	);

	test('Send SMS sends a text that an expression gives as a number', async () => {
		const result = await n8n.runWorkflow(
			rcChain(
				ringCentralNode('ringCentral', 'SMS', credential, {
					resource: 'message',
					operation: 'sendSms',
					from: OWNER_SMS_NUMBER,
					to: '+14155550193',
					text: '={{ 12345 }}',
				}),
			),
		);

		expect(result.error).toBeUndefined();
		expect(result.json('SMS')[0].subject).toBe('12345');
	});
});
