import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import {
	ALL_SCOPES,
	DEFAULT_COMPANY_ID,
	DEFAULT_LOCATION_ID,
	startHighLevelSimulator,
	type HighLevelSimulator,
} from '../../simulators/highlevel';
import { httpError } from '../support/n8n';
import { contactLocator, runNode } from './fixtures';

/**
 * Every operation runs through the node's real transport against the HighLevel simulator, which validates each
 * request against the official OpenAPI spec. The fake n8n context forwards httpRequestWithAuthentication to it
 * the way n8n does: bearer token added, HTTP errors thrown as NodeApiError with the response on the cause.
 */
describe('every operation conforms to the HighLevel spec', () => {
	let sim: HighLevelSimulator;
	let run: (parameters: IDataObject) => Promise<IDataObject[]>;

	beforeAll(async () => {
		sim = await startHighLevelSimulator({ rateLimit: false });
		sim.seed({ locationId: DEFAULT_LOCATION_ID, contacts: 3 });
		const token = sim.issueToken({ locationId: DEFAULT_LOCATION_ID, scopes: ALL_SCOPES });
		const credentials = {
			highLevelContactsOAuth2Api: {
				apiUrl: sim.url,
				scope: ALL_SCOPES.join(' '),
				oauthTokenData: {
					...token,
					locationId: DEFAULT_LOCATION_ID,
					companyId: DEFAULT_COMPANY_ID,
				},
			},
		};
		const http = jest.fn(async (_type: string, options: IDataObject) => {
			const response = await axios.request({
				method: options.method as string,
				url: options.url as string,
				params: options.qs,
				data: options.body,
				headers: {
					...(options.headers as IDataObject),
					Authorization: `Bearer ${token.access_token}`,
				},
				validateStatus: () => true,
			});
			if (response.status >= 400) throw httpError(response.status, response.data, response.headers);
			return { body: response.data, headers: response.headers, statusCode: response.status };
		});
		run = async (parameters) => {
			const { output } = await runNode(parameters, { http, credentials });
			return output.map((item) => item.json);
		};
	});

	afterAll(async () => await sim?.close());

	it('leaves no spec violation behind', async () => {
		const [created] = await run({
			resource: 'contact',
			operation: 'create',
			additionalFields: {
				firstName: 'Ada',
				email: 'ada@example.com',
				phone: '(415) 555-0100',
				tags: 'lead',
				// A string, as the spec's own description documents (the simulator's erratum for its `object` type).
				dateOfBirth: '1990-09-25',
				customFields: { field: [{ id: 'cf1', value: 'gold' }] },
			},
		});
		const contactId = contactLocator(String(created.id));
		const id = String(created.id);

		await run({ resource: 'contact', operation: 'get', contactId, simplify: true });
		await run({
			resource: 'contact',
			operation: 'update',
			contactId,
			updateFields: { lastName: 'Lovelace' },
		});
		await run({
			resource: 'contact',
			operation: 'upsert',
			additionalFields: { email: 'ada@example.com', city: 'London' },
		});
		const found = await run({
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			query: 'ada',
			simplify: true,
		});
		expect(found.map((contact) => contact.id)).toContain(id);
		await run({
			resource: 'contact',
			operation: 'findDuplicate',
			email: 'ada@example.com',
			phone: '',
		});
		await run({
			resource: 'contact',
			operation: 'bulkUpdateBusiness',
			contactIds: id,
			businessId: 'biz1',
		});
		await run({
			resource: 'contact',
			operation: 'getByBusiness',
			businessId: 'biz1',
			returnAll: true,
			simplify: false,
		});
		await run({
			resource: 'contact',
			operation: 'bulkUpdateTags',
			action: 'add',
			contactIds: id,
			tags: 'vip',
		});
		await run({ resource: 'contact', operation: 'addFollowers', contactId, followers: 'u1' });
		await run({ resource: 'contact', operation: 'removeFollowers', contactId, followers: 'u1' });
		await run({ resource: 'contact', operation: 'addToCampaign', contactId, campaignId: 'camp1' });
		await run({
			resource: 'contact',
			operation: 'removeFromCampaign',
			contactId,
			campaignId: 'camp1',
		});
		await run({ resource: 'contact', operation: 'removeFromAllCampaigns', contactId });
		await run({
			resource: 'contact',
			operation: 'addToWorkflow',
			contactId,
			workflowId: 'wf1',
			eventStartTime: '2026-06-23T03:30:00Z',
		});
		await run({
			resource: 'contact',
			operation: 'removeFromWorkflow',
			contactId,
			workflowId: 'wf1',
			eventStartTime: '',
		});

		const [task] = await run({
			resource: 'task',
			operation: 'create',
			contactId,
			title: 'Call back',
			dueDate: '2026-03-01T09:30:00Z',
		});
		const taskId = String(task.id);
		await run({ resource: 'task', operation: 'get', contactId, taskId });
		await run({ resource: 'task', operation: 'getAll', contactId, returnAll: true });
		await run({
			resource: 'task',
			operation: 'update',
			contactId,
			taskId,
			updateFields: { title: 'Call again' },
		});
		await run({ resource: 'task', operation: 'complete', contactId, taskId, completed: true });
		await run({ resource: 'task', operation: 'delete', contactId, taskId });

		const [note] = await run({
			resource: 'note',
			operation: 'create',
			contactId,
			body: 'Left a voicemail',
		});
		const noteId = String(note.id);
		await run({ resource: 'note', operation: 'get', contactId, noteId });
		await run({ resource: 'note', operation: 'getAll', contactId, returnAll: true });
		await run({
			resource: 'note',
			operation: 'update',
			contactId,
			noteId,
			updateFields: { pinned: true },
		});
		await run({ resource: 'note', operation: 'delete', contactId, noteId });

		await run({ resource: 'appointment', operation: 'getAll', contactId, returnAll: true });
		const [added] = await run({ resource: 'tag', operation: 'add', contactId, tags: 'called' });
		expect(added.tags).toEqual(expect.arrayContaining(['lead', 'called']));
		const [removed] = await run({
			resource: 'tag',
			operation: 'remove',
			contactId,
			tags: 'called',
		});
		expect(removed.tags).toEqual(expect.arrayContaining(['lead']));

		const [deleted] = await run({ resource: 'contact', operation: 'delete', contactId });
		expect(deleted).toEqual({ success: true, id });

		const operations = new Set(sim.requests.map((request) => `${request.method} ${request.path}`));
		expect(operations.size).toBeGreaterThanOrEqual(28);
		expect(sim.violations).toEqual([]);
	});
});
