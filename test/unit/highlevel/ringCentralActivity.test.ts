/**
 * The RingCentral activity operations (sync a contact, log a call, log a message) against the HighLevel simulator,
 * which validates every request against the official spec, plus the input errors that must stop an item before
 * any request.
 */
import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import {
	ALL_SCOPES,
	DEFAULT_COMPANY_ID,
	DEFAULT_LOCATION_ID,
	startHighLevelSimulator,
	type HighLevelSimulator,
} from '../../simulators/highlevel';
import { httpError, httpResponse, type HttpMock } from '../support/n8n';
import { credentials, runNode } from './fixtures';

const CALLER = '+14155550123';
const OUR_NUMBER = '+16505550100';

/** A missed inbound call as the RingCentral Trigger emits it (parameters already resolved from the item). */
const missedCall = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'ringCentral',
	operation: 'logCall',
	activityId: 's-100',
	direction: 'Inbound',
	from: CALLER,
	to: OUR_NUMBER,
	contactName: 'Grace Hopper',
	result: 'Missed',
	time: '2026-03-01T09:30:00Z',
	duration: 0,
	recordingLink: '',
	missedResults: 'Missed',
	missedCallTask: true,
	taskDueMinutes: 30,
	taskAssignedTo: '',
	missedCallTags: 'missed call',
	createContact: false,
	logAs: 'note',
	defaultCountry: 'US',
	...overrides,
});

const inboundSms = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'ringCentral',
	operation: 'logMessage',
	activityId: '789',
	direction: 'Inbound',
	from: CALLER,
	to: [OUR_NUMBER],
	contactName: '',
	messageType: 'SMS',
	text: 'Can you call me back?',
	time: '2026-03-01T10:00:00Z',
	transcriptLink: '',
	recordingLink: '',
	createContact: false,
	logAs: 'note',
	defaultCountry: 'US',
	...overrides,
});

/** A RingCentral address-book contact as the RingCentral node returns it (raw API record). */
const syncContact = (overrides: IDataObject = {}): IDataObject => ({
	resource: 'ringCentral',
	operation: 'syncContact',
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	phone: '(415) 555-0199',
	companyName: 'Analytical Engines',
	address: { street: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701', country: 'US' },
	tagsToAdd: 'ringcentral',
	additionalFields: {},
	defaultCountry: 'US',
	...overrides,
});

describe('RingCentral activity against the HighLevel simulator', () => {
	let sim: HighLevelSimulator;
	let http: HttpMock;
	let known: string;

	const run = async (parameters: IDataObject) => {
		const creds = {
			highLevelContactsOAuth2Api: {
				apiUrl: sim.url,
				scope: ALL_SCOPES.join(' '),
				oauthTokenData: {
					access_token: accessToken,
					locationId: DEFAULT_LOCATION_ID,
					companyId: DEFAULT_COMPANY_ID,
				},
			},
		};
		const { output } = await runNode(parameters, { http, credentials: creds });
		return output.map((item) => item.json);
	};
	let accessToken: string;
	/** "METHOD /path" of every request sent since the last call. */
	const sent = () => {
		const calls = http.mock.calls.map(
			([, options]) => `${String(options.method)} ${new URL(String(options.url)).pathname}`,
		);
		http.mockClear();
		return calls;
	};
	const notesOf = (contactId: string) =>
		[...sim.store.notes.values()].filter((note) => note.contactId === contactId);
	const tasksOf = (contactId: string) =>
		[...sim.store.tasks.values()].filter((task) => task.contactId === contactId);

	beforeAll(async () => {
		sim = await startHighLevelSimulator({ rateLimit: false });
		accessToken = String(
			sim.issueToken({ locationId: DEFAULT_LOCATION_ID, scopes: ALL_SCOPES }).access_token,
		);
		http = jest.fn(async (_type: string, options: IDataObject) => {
			const response = await axios.request({
				method: options.method as string,
				url: options.url as string,
				params: options.qs,
				data: options.body,
				headers: {
					...(options.headers as IDataObject),
					Authorization: `Bearer ${accessToken}`,
				},
				validateStatus: () => true,
			});
			if (response.status >= 400) throw httpError(response.status, response.data, response.headers);
			return httpResponse(response.data, response.status, response.headers as IDataObject);
		});
	});

	beforeEach(() => {
		sim.store.contacts.clear();
		sim.store.notes.clear();
		sim.store.tasks.clear();
		sim.store.conversations.clear();
		sim.store.messages.clear();
		[known] = sim.seed({
			locationId: DEFAULT_LOCATION_ID,
			contacts: [{ firstName: 'Grace', lastName: 'Hopper', phone: CALLER, tags: ['vip'] }],
		}).contactIds;
		http.mockClear();
	});

	afterEach(() => expect(sim.violations).toEqual([]));
	afterAll(async () => await sim?.close());

	describe('logCall', () => {
		it('notes a missed call, creates the follow-up task and adds the tag', async () => {
			const [output] = await run(missedCall());

			expect(sent()).toEqual([
				'GET /contacts/search/duplicate',
				'GET /contacts/' + known + '/notes',
				// the follow-ups come first: the note marks the call as logged
				'GET /contacts/' + known + '/tasks',
				'POST /contacts/' + known + '/tasks',
				'POST /contacts/' + known + '/tags',
				'POST /contacts/' + known + '/notes',
				// looks again for a note a concurrent run wrote
				'GET /contacts/' + known + '/notes',
			]);
			const [note] = notesOf(known);
			expect(note.body.split('\n')).toEqual([
				'Inbound call - Missed',
				'Time: 2026-03-01T09:30:00Z',
				'Duration: 0 s',
				`From: Grace Hopper (${CALLER})`,
				`To: ${OUR_NUMBER}`,
				'[RingCentral call s-100]',
			]);
			const [task] = tasksOf(known);
			expect(task).toMatchObject({
				title: `Call back Grace Hopper (${CALLER}) [RingCentral call s-100]`,
				dueDate: '2026-03-01T10:00:00Z',
				completed: false,
			});
			expect(sim.store.contacts.get(known)?.tags).toEqual(['vip', 'missed call']);
			expect(output).toEqual({
				action: 'logged',
				contactId: known,
				contactCreated: false,
				callId: 's-100',
				noteId: note.id,
				taskId: task.id,
				tags: ['vip', 'missed call'],
			});
		});

		it('writes nothing when the same call is logged again', async () => {
			await run(missedCall());
			sent();

			const [again] = await run(missedCall());

			expect(sent().filter((request) => !request.startsWith('GET'))).toEqual([]);
			expect(notesOf(known)).toHaveLength(1);
			expect(tasksOf(known)).toHaveLength(1);
			expect(again).toMatchObject({
				action: 'unchanged',
				contactId: known,
				noteId: notesOf(known)[0].id,
			});
		});

		it('keeps only the first note when a concurrent run logged the same call at the same time', async () => {
			// the other run's note lands while this run writes its own
			const forward = http.getMockImplementation()!;
			http.mockImplementation(async (type, options) => {
				const response = await forward(type, options);
				if (options.method === 'POST' && String(options.url).endsWith('/notes')) {
					sim.store.notes.set('AAAAAAAAAAAAAAAAAAAA', {
						id: 'AAAAAAAAAAAAAAAAAAAA',
						contactId: known,
						body: 'Inbound call - Missed\n[RingCentral call s-100]',
						dateAdded: '2026-01-01T00:00:00.000Z',
					});
				}
				return response;
			});

			const [output] = await run(missedCall());
			http.mockImplementation(forward);

			expect(sent().slice(-3)).toEqual([
				`GET /contacts/${known}/notes`,
				expect.stringMatching(new RegExp(`^DELETE /contacts/${known}/notes/`)),
				// was this run's task made twice? (not here)
				`GET /contacts/${known}/tasks`,
			]);
			expect(notesOf(known).map((note) => note.id)).toEqual(['AAAAAAAAAAAAAAAAAAAA']);
			// no other run made a task, so this run's one stays
			const [task] = tasksOf(known);
			expect(output).toEqual({
				action: 'unchanged',
				contactId: known,
				contactCreated: false,
				callId: 's-100',
				noteId: 'AAAAAAAAAAAAAAAAAAAA',
				taskId: task.id,
				tags: ['vip', 'missed call'],
			});
		});

		it('skips an unknown number unless asked to create the contact', async () => {
			const stranger = { from: '+14155550777', contactName: 'Alan Turing' };
			const [skipped] = await run(missedCall(stranger));
			expect(skipped).toEqual({
				action: 'skipped',
				reason: 'No HighLevel contact has this number',
				phone: '+14155550777',
				callId: 's-100',
			});
			expect(sent()).toEqual(['GET /contacts/search/duplicate']);

			const [created] = await run(
				missedCall({ ...stranger, createContact: true, missedCallTask: false }),
			);
			const contact = sim.store.contacts.get(String(created.contactId));
			expect(contact).toMatchObject({
				phone: '+14155550777',
				name: 'Alan Turing',
				source: 'RingCentral',
			});
			expect(created).toMatchObject({ action: 'logged', contactCreated: true });
			expect(notesOf(contact!.id)).toHaveLength(1);
		});

		it('reads party objects of the RingCentral node and takes the called party of an outbound call', async () => {
			const [output] = await run(
				missedCall({
					direction: 'Outbound',
					from: { phoneNumber: OUR_NUMBER, name: 'Front desk' },
					to: { phoneNumber: '(415) 555-0123', name: 'Grace' },
					result: 'Call connected',
					duration: 125,
					recordingLink: 'https://media.ringcentral.test/recording/1/content',
				}),
			);

			expect(output).toMatchObject({ action: 'logged', contactId: known });
			expect(output.taskId).toBeUndefined();
			expect(notesOf(known)[0].body).toContain('Outbound call - Call connected\n');
			expect(notesOf(known)[0].body).toContain('Duration: 2 min 5 s\nTo: Grace Hopper');
			expect(notesOf(known)[0].body).toContain(
				`From: ${OUR_NUMBER}\nRecording: https://media.ringcentral.test/recording/1/content`,
			);
			expect(tasksOf(known)).toEqual([]);
			expect(sim.store.contacts.get(known)?.tags).toEqual(['vip']);
		});
	});

	describe('logMessage', () => {
		it('notes an SMS once', async () => {
			const [first] = await run(inboundSms());
			const [second] = await run(inboundSms());

			const notes = notesOf(known);
			expect(notes).toHaveLength(1);
			expect(notes[0].body).toBe(
				[
					'Inbound SMS',
					'Time: 2026-03-01T10:00:00Z',
					`From: ${CALLER}`,
					`To: ${OUR_NUMBER}`,
					'Text: Can you call me back?',
					'[RingCentral message 789]',
				].join('\n'),
			);
			expect(first).toEqual({
				action: 'logged',
				contactId: known,
				contactCreated: false,
				messageId: '789',
				noteId: notes[0].id,
			});
			expect(second).toMatchObject({ action: 'unchanged', noteId: notes[0].id });
		});

		it('notes a voicemail with its transcript and recording links', async () => {
			await run(
				inboundSms({
					activityId: '790',
					messageType: 'VoiceMail',
					text: 'Voice Message from Grace',
					transcriptLink: 'https://media.ringcentral.test/transcript/790',
					recordingLink: 'https://media.ringcentral.test/recording/790',
				}),
			);

			const [note] = notesOf(known);
			expect(note.body).toMatch(/^Inbound voicemail\n/);
			expect(note.body).toContain(
				'Transcript: https://media.ringcentral.test/transcript/790\nRecording: https://media.ringcentral.test/recording/790\n[RingCentral message 790]',
			);
		});

		it('matches the recipient of an outbound SMS from a list of recipients', async () => {
			const [output] = await run(
				inboundSms({
					direction: 'Outbound',
					from: OUR_NUMBER,
					to: [{ phoneNumber: '102' }, { phoneNumber: CALLER }],
				}),
			);
			expect(output).toMatchObject({ action: 'logged', contactId: known });
			expect(notesOf(known)[0].body).toContain(
				`Outbound SMS\nTime: 2026-03-01T10:00:00Z\nTo: ${CALLER}\nFrom: ${OUR_NUMBER}`,
			);
		});
	});

	describe('as conversation messages', () => {
		const asMessage = { logAs: 'conversation', conversationProviderId: 'prov1' };
		const messagesOf = (contactId: string) =>
			[...sim.store.messages.values()].filter((message) => message.contactId === contactId);
		/** The HighLevel API with the Conversations Version, as a test (not the node) calls it. */
		const conversations = () =>
			axios.create({
				baseURL: sim.url,
				headers: { Authorization: `Bearer ${accessToken}`, Version: '2021-04-15' },
			});
		/** Gives the contact a conversation holding an SMS at each of the given times. */
		const inbox = async (contactId: string, dates: string[]) => {
			const api = conversations();
			const { data } = await api.post('/conversations/', {
				locationId: DEFAULT_LOCATION_ID,
				contactId,
			});
			for (const date of dates) {
				await api.post('/conversations/messages/inbound', {
					type: 'SMS',
					conversationId: data.conversation.id,
					contactId,
					conversationProviderId: 'prov1',
					message: `Earlier message of ${date}`,
					date,
				});
			}
			return String(data.conversation.id);
		};
		/** `count` dates a minute apart, starting `from`. */
		const minutes = (from: string, count: number) =>
			Array.from({ length: count }, (_, n) =>
				new Date(Date.parse(from) + n * 60_000).toISOString(),
			);

		it('logs a missed call once: the follow-ups first, then a call message that marks it as logged', async () => {
			const [first] = await run(missedCall(asMessage));

			const [conversation] = sim.store.conversations.values();
			expect(sent()).toEqual([
				'GET /contacts/search/duplicate',
				'GET /conversations/search',
				'POST /conversations/',
				`GET /conversations/${conversation.id}/messages`,
				`GET /contacts/${known}/tasks`,
				`POST /contacts/${known}/tasks`,
				`POST /contacts/${known}/tags`,
				'POST /conversations/messages/inbound',
			]);
			const [message] = messagesOf(known);
			expect(message).toMatchObject({
				type: 1,
				messageType: 'TYPE_CALL',
				direction: 'inbound',
				conversationId: conversation.id,
				dateAdded: '2026-03-01T09:30:00.000Z',
				meta: { callStatus: 'no-answer' },
				conversationProviderId: 'prov1',
			});
			expect(message.body).toMatch(/^Inbound call - Missed\n[^]*\n\[RingCentral call s-100\]$/);
			expect(first).toMatchObject({
				action: 'logged',
				conversationMessageId: message.id,
				taskId: tasksOf(known)[0].id,
			});

			const [again] = await run(missedCall(asMessage));
			expect(sent().filter((request) => !request.startsWith('GET'))).toEqual([]);
			expect(again).toMatchObject({ action: 'unchanged', conversationMessageId: message.id });
			expect(messagesOf(known)).toHaveLength(1);
			expect(tasksOf(known)).toHaveLength(1);
			expect(notesOf(known)).toEqual([]);
		});

		it('logs an outbound call once, finding the textless call again by its time', async () => {
			const call = missedCall({
				...asMessage,
				direction: 'Outbound',
				from: OUR_NUMBER,
				to: CALLER,
				result: 'Call connected',
			});
			const [first] = await run(call);
			const [again] = await run(call);

			const [message] = messagesOf(known);
			expect(messagesOf(known)).toHaveLength(1);
			expect(message).toMatchObject({
				messageType: 'TYPE_CALL',
				direction: 'outbound',
				// HighLevel writes the time in its own form, milliseconds included
				dateAdded: '2026-03-01T09:30:00.000Z',
				meta: { callStatus: 'completed' },
			});
			expect(message.body).toBeUndefined();
			expect(first).toMatchObject({ action: 'logged', conversationMessageId: message.id });
			expect(again).toMatchObject({ action: 'unchanged', conversationMessageId: message.id });
		});

		it('logs an SMS once, in a conversation the contact already has', async () => {
			const conversationId = await inbox(known, ['2026-02-01T08:00:00.000Z']);

			await run(inboundSms(asMessage));
			await run(inboundSms(asMessage));

			expect(sim.store.conversations.size).toBe(1);
			const logged = messagesOf(known).filter((message) => message.dateAdded.startsWith('2026-03'));
			expect(logged).toEqual([
				expect.objectContaining({
					type: 2,
					messageType: 'TYPE_SMS',
					direction: 'inbound',
					conversationId,
					body: expect.stringMatching(
						/\nText: Can you call me back\?\n\[RingCentral message 789\]$/,
					),
				}),
			]);
		});

		it("pages through newer messages to the SMS's time and no further", async () => {
			// the inbox pages 20 messages, newest first: 30 newer than the SMS, then 30 older
			const conversationId = await inbox(known, [
				...minutes('2026-02-28T10:00:00Z', 30),
				...minutes('2026-03-01T10:01:00Z', 30),
			]);
			const inboxPage = `GET /conversations/${conversationId}/messages`;
			sent();

			const [first] = await run(inboundSms(asMessage));
			expect(sent()).toEqual([
				'GET /contacts/search/duplicate',
				'GET /conversations/search',
				inboxPage,
				// this page reaches back past 10:00, so no older page can hold the SMS
				inboxPage,
				'POST /conversations/messages/inbound',
			]);

			const [again] = await run(inboundSms(asMessage));
			expect(sent()).toEqual([
				'GET /contacts/search/duplicate',
				'GET /conversations/search',
				inboxPage,
				inboxPage,
			]);
			expect(again).toMatchObject({
				action: 'unchanged',
				conversationMessageId: first.conversationMessageId,
			});
			expect(messagesOf(known)).toHaveLength(61);
		});

		it('serves the inbox newest first, 20 a page, continuing after lastMessageId', async () => {
			const dates = minutes('2026-01-01T00:00:00Z', 25);
			const conversationId = await inbox(known, dates);
			const page = async (params: IDataObject) =>
				(await conversations().get(`/conversations/${conversationId}/messages`, { params })).data;

			const first = await page({});
			expect(first.messages.map((message: IDataObject) => message.dateAdded)).toEqual(
				dates.slice(5).reverse(),
			);
			expect(first).toMatchObject({ nextPage: true, lastMessageId: first.messages[19].id });
			const rest = await page({ lastMessageId: first.lastMessageId });
			expect(rest.messages.map((message: IDataObject) => message.dateAdded)).toEqual(
				dates.slice(0, 5).reverse(),
			);
			expect(rest).toMatchObject({ nextPage: false, lastMessageId: rest.messages[4].id });
			expect((await page({ limit: 25 })).nextPage).toBe(false);
			expect((await page({ type: 'TYPE_CALL' })).messages).toEqual([]);
		});
	});

	describe('syncContact', () => {
		it('creates, then reports unchanged, then updates only what changed', async () => {
			const [created] = await run(syncContact());
			expect(sent()).toEqual(['GET /contacts/search/duplicate', 'POST /contacts/upsert']);
			const contactId = String(created.contactId);
			expect(created.action).toBe('created');
			expect(sim.store.contacts.get(contactId)).toMatchObject({
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada@example.com',
				phone: '+14155550199',
				companyName: 'Analytical Engines',
				address1: '1 Main St',
				city: 'Springfield',
				state: 'IL',
				postalCode: '62701',
				country: 'US',
				source: 'RingCentral',
				tags: ['ringcentral'],
			});

			const [unchanged] = await run(syncContact({ email: 'ADA@example.com' }));
			expect(sent()).toEqual(['GET /contacts/search/duplicate']);
			expect(unchanged).toMatchObject({ action: 'unchanged', contactId });

			const [updated] = await run(
				syncContact({ lastName: 'King', tagsToAdd: 'ringcentral, countess' }),
			);
			expect(sent()).toEqual([
				'GET /contacts/search/duplicate',
				'POST /contacts/upsert',
				`POST /contacts/${contactId}/tags`,
			]);
			expect(updated).toMatchObject({
				action: 'updated',
				contactId,
				changedFields: ['lastName', 'tags'],
			});
			expect(sim.store.contacts.get(contactId)).toMatchObject({
				lastName: 'King',
				tags: ['ringcentral', 'countess'],
			});
			expect(sim.store.contacts.size).toBe(2);
		});

		it('lets Additional Fields override the mapping, custom fields included', async () => {
			const [customField] = [...sim.store.customFields.values()].filter(
				(field) => field.locationId === DEFAULT_LOCATION_ID,
			);
			const [output] = await run(
				syncContact({
					email: '',
					phone: CALLER,
					additionalFields: {
						city: 'Arlington',
						customFields: { field: [{ id: customField.id, value: '101' }] },
					},
				}),
			);

			expect(output).toMatchObject({ action: 'updated', contactId: known });
			expect(output.changedFields).toEqual(
				expect.arrayContaining(['firstName', 'city', 'customFields', 'tags']),
			);
			expect(sim.store.contacts.get(known)).toMatchObject({
				firstName: 'Ada',
				city: 'Arlington',
				customFields: [{ id: customField.id, value: '101' }],
				tags: ['vip', 'ringcentral'],
			});
			const [again] = await run(
				syncContact({
					email: '',
					phone: CALLER,
					additionalFields: {
						city: 'Arlington',
						customFields: { field: [{ id: customField.id, value: '101' }] },
					},
				}),
			);
			expect(again.action).toBe('unchanged');
		});
	});
});

describe('RingCentral activity input and scope errors', () => {
	const reject = async (
		parameters: IDataObject,
		message: string | RegExp,
		creds = credentials.readWrite,
	) => {
		const http: HttpMock = jest.fn();
		await expect(runNode(parameters, { http, credentials: creds })).rejects.toThrow(message);
		return http;
	};

	it.each([
		[
			{ direction: 'sideways' },
			'The "Direction" field of item 0 must be "Inbound" or "Outbound": "sideways"',
		],
		[{ activityId: '' }, 'The "Call ID" field of item 0 is empty'],
		[
			{ from: 'unknown' },
			'The "From" field of item 0 holds no phone number that can be written in E.164 form: "unknown"',
		],
		[{ time: 'yesterday-ish' }, 'The "Time" field of item 0 is not a valid date'],
	])('logCall with %j fails before any request', async (override, message) => {
		const http = await reject(missedCall(override), message);
		expect(http).not.toHaveBeenCalled();
	});

	it('syncContact needs an email or a phone, and a valid one', async () => {
		expect(
			await reject(
				syncContact({ email: null, phone: undefined }),
				'Item 0 has neither an "Email" nor a "Phone"',
			),
		).not.toHaveBeenCalled();
		expect(
			await reject(
				syncContact({ email: 'not-an-email' }),
				'The "Email" field of item 0 is not a valid email address',
			),
		).not.toHaveBeenCalled();
	});

	it.each([
		['logMessage', inboundSms],
		['logCall', missedCall],
	])('%s names the missing conversations scope before any request', async (_operation, item) => {
		const http = await reject(
			item({ logAs: 'conversation', conversationProviderId: 'prov1' }),
			'needs the HighLevel scope "conversations.readonly", which the credential was not granted: select the Additional Scope "Conversations: Read"',
		);
		expect(http).not.toHaveBeenCalled();
	});

	describe('conversation messages', () => {
		const conversationCredentials = {
			highLevelContactsOAuth2Api: {
				...credentials.readWrite.highLevelContactsOAuth2Api,
				oauthTokenData: {
					...(credentials.readWrite.highLevelContactsOAuth2Api.oauthTokenData as IDataObject),
					scope:
						'contacts.readonly contacts.write conversations.readonly conversations.write conversations/message.readonly conversations/message.write',
				},
			},
		};
		/** A HighLevel whose conversation already holds the given messages. */
		const highLevel = (messages: IDataObject[]): HttpMock =>
			jest.fn(async (_type: string, options: IDataObject) => {
				const url = String(options.url);
				if (url.endsWith('/contacts/search/duplicate'))
					return httpResponse({ contact: { id: 'c1', tags: [] } });
				if (url.endsWith('/conversations/search'))
					return httpResponse({ conversations: [{ id: 'conv1' }], total: 1 });
				// the page nested under `messages`, as live answers have it (the spec has it at the top level)
				if (url.endsWith('/conversations/conv1/messages'))
					return httpResponse({ messages: { lastMessageId: 'm9', nextPage: false, messages } });
				return httpResponse({
					success: true,
					conversationId: 'conv1',
					messageId: 'm-new',
					message: 'ok',
				});
			});

		it('logs an inbound SMS with the marker in its text, in the Conversations API version', async () => {
			const http = highLevel([{ id: 'm1', messageType: 'TYPE_SMS', body: 'hello' }]);
			const { output } = await runNode(
				inboundSms({ logAs: 'conversation', conversationProviderId: 'prov1' }),
				{
					http,
					credentials: conversationCredentials,
				},
			);

			const post = http.mock.calls[3][1];
			expect(post).toMatchObject({
				method: 'POST',
				url: expect.stringMatching(/\/conversations\/messages\/inbound$/),
			});
			expect((post.headers as IDataObject).Version).toBe('2021-04-15');
			expect(post.body).toEqual({
				type: 'SMS',
				conversationId: 'conv1',
				conversationProviderId: 'prov1',
				contactId: 'c1',
				date: '2026-03-01T10:00:00Z',
				message: expect.stringMatching(
					/Text: Can you call me back\?\n\[RingCentral message 789\]$/,
				),
			});
			expect(output[0].json).toMatchObject({ action: 'logged', conversationMessageId: 'm-new' });
		});

		it('finds the message again and writes nothing', async () => {
			const http = highLevel([
				{ id: 'm1', messageType: 'TYPE_SMS', body: 'Inbound SMS\n[RingCentral message 789]' },
			]);
			const { output } = await runNode(
				inboundSms({ logAs: 'conversation', conversationProviderId: 'prov1' }),
				{
					http,
					credentials: conversationCredentials,
				},
			);

			expect(http.mock.calls.map(([, options]) => options.method)).toEqual(['GET', 'GET', 'GET']);
			expect(output[0].json).toMatchObject({ action: 'unchanged', conversationMessageId: 'm1' });
		});

		it('logs an outbound call through the outbound-call endpoint, recognised again by its date', async () => {
			const call = missedCall({
				direction: 'Outbound',
				from: OUR_NUMBER,
				to: CALLER,
				result: 'Call connected',
				logAs: 'conversation',
				conversationProviderId: 'prov1',
			});
			const http = highLevel([]);
			await runNode(call, { http, credentials: conversationCredentials });
			expect(http.mock.calls[3][1]).toMatchObject({
				url: expect.stringMatching(/\/conversations\/messages\/outbound$/),
				body: {
					type: 'Call',
					conversationId: 'conv1',
					conversationProviderId: 'prov1',
					date: '2026-03-01T09:30:00Z',
					call: { from: OUR_NUMBER, to: CALLER, status: 'completed' },
				},
			});

			const again = highLevel([
				{
					id: 'm2',
					messageType: 'TYPE_CALL',
					direction: 'outbound',
					dateAdded: '2026-03-01T09:30:00.000Z',
				},
			]);
			const { output } = await runNode(call, { http: again, credentials: conversationCredentials });
			expect(again.mock.calls.every(([, options]) => options.method === 'GET')).toBe(true);
			expect(output[0].json).toMatchObject({ action: 'unchanged', conversationMessageId: 'm2' });
		});

		it('needs the start time of an outbound call, before any request', async () => {
			const http: HttpMock = jest.fn();
			await expect(
				runNode(
					missedCall({
						direction: 'Outbound',
						from: OUR_NUMBER,
						to: CALLER,
						time: '',
						logAs: 'conversation',
						conversationProviderId: 'prov1',
					}),
					{ http, credentials: conversationCredentials },
				),
			).rejects.toThrow('The "Start Time" field of item 0 is empty');
			expect(http).not.toHaveBeenCalled();
		});
	});
});
