import type { IDataObject } from 'n8n-workflow';

import { httpResponse, sentRequest } from '../support/n8n';
import { contactLocator, LOCATION_ID, runNode, SERVER_URL } from './fixtures';

interface Case {
	resource: string;
	operation: string;
	parameters?: IDataObject;
	response: IDataObject;
	method: string;
	path: string;
	qs?: IDataObject;
	body?: IDataObject | string;
	output: IDataObject[];
}

const contact = {
	id: 'c1',
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	locationId: LOCATION_ID,
};
const task = { id: 't1', title: 'Call back', completed: false, contactId: 'c1' };
const note = { id: 'n1', body: 'Left a voicemail', contactId: 'c1' };
const C = contactLocator('c1');

// One row per operation: the request it must build and the items it must return.
const cases: Case[] = [
	{
		resource: 'contact',
		operation: 'get',
		parameters: { contactId: C, simplify: false },
		response: { contact },
		method: 'GET',
		path: '/contacts/c1',
		output: [contact],
	},
	{
		resource: 'contact',
		operation: 'create',
		parameters: {
			additionalFields: {
				firstName: 'Ada',
				email: ' ada@example.com ',
				phone: '+1 (415) 555-0100',
				tags: 'lead, vip',
				dateOfBirth: '1990-09-25T00:00:00.000Z',
				city: '',
				customFields: { field: [{ id: 'cf1', value: 'gold' }] },
			},
		},
		response: { contact },
		method: 'POST',
		path: '/contacts/',
		body: {
			firstName: 'Ada',
			email: 'ada@example.com',
			phone: '+14155550100',
			tags: ['lead', 'vip'],
			dateOfBirth: '1990-09-25',
			customFields: [{ id: 'cf1', fieldValue: 'gold' }],
			locationId: LOCATION_ID,
		},
		output: [contact],
	},
	{
		resource: 'contact',
		operation: 'update',
		parameters: { contactId: C, updateFields: { lastName: 'Byron' } },
		response: { succeded: true, contact },
		method: 'PUT',
		path: '/contacts/c1',
		body: { lastName: 'Byron' },
		output: [contact],
	},
	{
		resource: 'contact',
		operation: 'upsert',
		parameters: {
			additionalFields: { email: 'ada@example.com', createNewIfDuplicateAllowed: true },
		},
		response: { new: false, contact, traceId: 'tr1' },
		method: 'POST',
		path: '/contacts/upsert',
		body: { email: 'ada@example.com', createNewIfDuplicateAllowed: true, locationId: LOCATION_ID },
		output: [{ ...contact, new: false }],
	},
	{
		resource: 'contact',
		operation: 'delete',
		parameters: { contactId: C },
		response: { succeded: true },
		method: 'DELETE',
		path: '/contacts/c1',
		output: [{ success: true, id: 'c1' }],
	},
	{
		resource: 'contact',
		operation: 'findDuplicate',
		parameters: { email: 'ada@example.com', phone: '415 555 0100', defaultCountry: 'US' },
		response: { contact },
		method: 'GET',
		path: '/contacts/search/duplicate',
		qs: { locationId: LOCATION_ID, email: 'ada@example.com', number: '+14155550100' },
		output: [contact],
	},
	{
		resource: 'contact',
		operation: 'getByBusiness',
		parameters: { businessId: 'b1', returnAll: false, limit: 5, query: 'ada', simplify: false },
		response: { contacts: [contact], count: 1 },
		method: 'GET',
		path: '/contacts/business/b1',
		qs: { locationId: LOCATION_ID, limit: '5', skip: '0', query: 'ada' },
		output: [contact],
	},
	{
		resource: 'contact',
		operation: 'addFollowers',
		parameters: { contactId: C, followers: ['u1', 'u2'] },
		response: { followers: ['u1', 'u2'], followersAdded: ['u1', 'u2'] },
		method: 'POST',
		path: '/contacts/c1/followers',
		body: { followers: ['u1', 'u2'] },
		output: [{ id: 'c1', followers: ['u1', 'u2'], followersAdded: ['u1', 'u2'] }],
	},
	{
		resource: 'contact',
		operation: 'removeFollowers',
		parameters: { contactId: C, followers: 'u1' },
		response: { followers: [], followersRemoved: ['u1'] },
		method: 'DELETE',
		path: '/contacts/c1/followers',
		body: { followers: ['u1'] },
		output: [{ id: 'c1', followers: [], followersRemoved: ['u1'] }],
	},
	{
		resource: 'contact',
		operation: 'addToCampaign',
		parameters: { contactId: C, campaignId: 'camp1' },
		response: { succeded: true },
		method: 'POST',
		path: '/contacts/c1/campaigns/camp1',
		body: '{}', // n8n would drop an empty object; HighLevel requires a body here
		output: [{ success: true, id: 'c1' }],
	},
	{
		resource: 'contact',
		operation: 'removeFromCampaign',
		parameters: { contactId: C, campaignId: 'camp1' },
		response: { succeded: true },
		method: 'DELETE',
		path: '/contacts/c1/campaigns/camp1',
		output: [{ success: true, id: 'c1' }],
	},
	{
		resource: 'contact',
		operation: 'removeFromAllCampaigns',
		parameters: { contactId: C },
		response: { succeded: true },
		method: 'DELETE',
		path: '/contacts/c1/campaigns/removeAll',
		output: [{ success: true, id: 'c1' }],
	},
	{
		resource: 'contact',
		operation: 'addToWorkflow',
		parameters: { contactId: C, workflowId: 'wf1', eventStartTime: '2026-06-23T03:30:00+01:00' },
		response: { succeded: true },
		method: 'POST',
		path: '/contacts/c1/workflow/wf1',
		body: { eventStartTime: '2026-06-23T03:30:00+01:00' },
		output: [{ success: true, id: 'c1' }],
	},
	{
		resource: 'contact',
		operation: 'removeFromWorkflow',
		parameters: { contactId: C, workflowId: 'wf1' },
		response: { succeded: true },
		method: 'DELETE',
		path: '/contacts/c1/workflow/wf1',
		body: '{}',
		output: [{ success: true, id: 'c1' }],
	},
	{
		resource: 'contact',
		operation: 'bulkUpdateTags',
		parameters: { action: 'remove', contactIds: 'c1, c2', tags: 'old', removeAllTags: false },
		response: { succeded: true, errorCount: 0, responses: [] },
		method: 'POST',
		path: '/contacts/bulk/tags/update/remove',
		body: { contacts: ['c1', 'c2'], tags: ['old'], locationId: LOCATION_ID },
		output: [{ success: true, errorCount: 0, responses: [] }],
	},
	{
		resource: 'contact',
		operation: 'bulkUpdateBusiness',
		parameters: { contactIds: ['c1', 'c2'], businessId: '' },
		response: { success: true, ids: ['c1', 'c2'] },
		method: 'POST',
		path: '/contacts/bulk/business',
		body: { locationId: LOCATION_ID, ids: ['c1', 'c2'], businessId: null },
		output: [{ success: true, ids: ['c1', 'c2'] }],
	},
	{
		resource: 'task',
		operation: 'get',
		parameters: { contactId: C, taskId: 't1' },
		response: { task },
		method: 'GET',
		path: '/contacts/c1/tasks/t1',
		output: [task],
	},
	{
		resource: 'task',
		operation: 'getAll',
		parameters: { contactId: C, returnAll: false, limit: 1 },
		response: { tasks: [task, { ...task, id: 't2' }] },
		method: 'GET',
		path: '/contacts/c1/tasks',
		output: [task],
	},
	{
		resource: 'task',
		operation: 'create',
		parameters: {
			contactId: C,
			title: 'Call back',
			dueDate: '2026-03-01T09:30:00Z',
			additionalFields: { assignedTo: 'u1' },
		},
		response: { task },
		method: 'POST',
		path: '/contacts/c1/tasks',
		body: {
			completed: false,
			assignedTo: 'u1',
			title: 'Call back',
			dueDate: '2026-03-01T09:30:00Z',
		},
		output: [task],
	},
	{
		resource: 'task',
		operation: 'update',
		parameters: { contactId: C, taskId: 't1', updateFields: { title: 'Call again', body: '' } },
		response: { task },
		method: 'PUT',
		path: '/contacts/c1/tasks/t1',
		body: { title: 'Call again' },
		output: [task],
	},
	{
		resource: 'task',
		operation: 'complete',
		parameters: { contactId: C, taskId: 't1', completed: false },
		response: { task },
		method: 'PUT',
		path: '/contacts/c1/tasks/t1/completed',
		body: { completed: false },
		output: [task],
	},
	{
		resource: 'task',
		operation: 'delete',
		parameters: { contactId: C, taskId: 't1' },
		response: { succeded: true },
		method: 'DELETE',
		path: '/contacts/c1/tasks/t1',
		output: [{ success: true, id: 't1' }],
	},
	{
		resource: 'note',
		operation: 'get',
		parameters: { contactId: C, noteId: 'n1' },
		response: { note },
		method: 'GET',
		path: '/contacts/c1/notes/n1',
		output: [note],
	},
	{
		resource: 'note',
		operation: 'getAll',
		parameters: { contactId: C, returnAll: true },
		response: { notes: [note, { ...note, id: 'n2' }] },
		method: 'GET',
		path: '/contacts/c1/notes',
		output: [note, { ...note, id: 'n2' }],
	},
	{
		resource: 'note',
		operation: 'create',
		parameters: { contactId: C, body: 'Left a voicemail', additionalFields: { pinned: true } },
		response: { note },
		method: 'POST',
		path: '/contacts/c1/notes',
		body: { pinned: true, body: 'Left a voicemail' },
		output: [note],
	},
	{
		resource: 'note',
		operation: 'update',
		parameters: { contactId: C, noteId: 'n1', updateFields: { body: 'Called back' } },
		response: { note },
		method: 'PUT',
		path: '/contacts/c1/notes/n1',
		body: { body: 'Called back' },
		output: [note],
	},
	{
		resource: 'note',
		operation: 'delete',
		parameters: { contactId: C, noteId: 'n1' },
		response: { succeded: true },
		method: 'DELETE',
		path: '/contacts/c1/notes/n1',
		output: [{ success: true, id: 'n1' }],
	},
	{
		resource: 'appointment',
		operation: 'getAll',
		parameters: { contactId: C, returnAll: true },
		response: { events: [{ id: 'e1' }, { id: 'e2' }] },
		method: 'GET',
		path: '/contacts/c1/appointments',
		output: [{ id: 'e1' }, { id: 'e2' }],
	},
	{
		resource: 'tag',
		operation: 'add',
		parameters: { contactId: C, tags: 'vip, called' },
		response: { tags: ['lead', 'vip', 'called'] },
		method: 'POST',
		path: '/contacts/c1/tags',
		body: { tags: ['vip', 'called'] },
		output: [{ id: 'c1', tags: ['lead', 'vip', 'called'] }],
	},
	{
		resource: 'tag',
		operation: 'remove',
		parameters: { contactId: C, tags: ['vip'] },
		response: { tags: ['lead'] },
		method: 'DELETE',
		path: '/contacts/c1/tags',
		body: { tags: ['vip'] },
		output: [{ id: 'c1', tags: ['lead'] }],
	},
];

describe('HighLevel Contacts operations', () => {
	it.each(cases.map((c) => [`${c.resource}.${c.operation}`, c] as const))(
		'%s builds its request and shapes its output',
		async (_, c) => {
			const http = jest.fn().mockResolvedValue(httpResponse(c.response));
			const { output } = await runNode(
				{ resource: c.resource, operation: c.operation, ...c.parameters },
				{ http },
			);

			expect(http).toHaveBeenCalledTimes(1);
			const { credentialType, options } = sentRequest(http);
			expect(credentialType).toBe('highLevelContactsOAuth2Api');
			expect(options).toMatchObject({
				method: c.method,
				url: `${SERVER_URL}${c.path}`,
				headers: { Version: '2021-07-28', Accept: 'application/json' },
			});
			expect(options.qs).toEqual(c.qs);
			expect(options.body).toEqual(c.body);
			expect(output).toEqual(c.output.map((json) => ({ json, pairedItem: { item: 0 } })));
		},
	);

	it('covers every Contacts API operation the node offers', async () => {
		const contactsApi = ['appointment', 'contact', 'note', 'tag', 'task'];
		const { HighLevelContacts } =
			await import('../../../nodes/HighLevelContacts/HighLevelContacts.node');
		const offered = new HighLevelContacts().description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.options as Array<{ value: string }>).map(
					({ value }) => `${property.displayOptions?.show?.resource?.[0]}.${value}`,
				),
			);
		const offeredContactsApi = offered.filter((key) => contactsApi.includes(key.split('.')[0]));
		const tested = [...cases.map((c) => `${c.resource}.${c.operation}`), 'contact.getAll'];
		expect(offeredContactsApi.sort()).toEqual(tested.sort());
		expect(offeredContactsApi).toHaveLength(31);
	});
});
