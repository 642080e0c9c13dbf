import { searchContacts } from '../../../nodes/HighLevelContacts/methods/listSearch';
import { getCustomFields, getUsers } from '../../../nodes/HighLevelContacts/methods/loadOptions';
import { createLoadOptionsFunctions, httpResponse, sentRequest } from '../support/n8n';
import { credentials, LOCATION_ID, SERVER_URL } from './fixtures';

describe('contact list search', () => {
	it('searches by the typed text and pages with the searchAfter cursor', async () => {
		const contacts = Array.from({ length: 50 }, (_, n) => ({
			id: `c${n}`,
			email: `c${n}@x.io`,
			searchAfter: [n, `c${n}`],
		}));
		const http = jest.fn().mockResolvedValue(httpResponse({ contacts, total: 120 }));
		const context = createLoadOptionsFunctions({ credentials: credentials.readOnly, http });

		const first = await searchContacts.call(context, 'ada');
		expect(sentRequest(http).options.body).toEqual({
			locationId: LOCATION_ID,
			pageLimit: 50,
			query: 'ada',
		});
		expect(first.results[0]).toEqual({
			name: 'c0@x.io',
			value: 'c0',
			url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/c0`,
		});

		await searchContacts.call(context, 'ada', first.paginationToken as string);
		expect((sentRequest(http, 1).options.body as { searchAfter: unknown }).searchAfter).toEqual([
			49,
			'c49',
		]);
	});

	it('has no next page after a short page', async () => {
		const http = jest
			.fn()
			.mockResolvedValue(httpResponse({ contacts: [{ id: 'c1', searchAfter: [1, 'c1'] }] }));
		const result = await searchContacts.call(
			createLoadOptionsFunctions({ credentials: credentials.readOnly, http }),
		);
		expect(result.paginationToken).toBeUndefined();
	});
});

describe('pickers', () => {
	it('lists custom fields by name, and says which scope is missing without one', async () => {
		const http = jest.fn().mockResolvedValue(
			httpResponse({
				customFields: [
					{ id: 'f2', name: 'Zip', fieldKey: 'contact.zip', dataType: 'TEXT' },
					{ id: 'f1', name: 'Budget', fieldKey: 'contact.budget', dataType: 'MONETORY' },
				],
			}),
		);
		const withScope = {
			highLevelContactsOAuth2Api: {
				...credentials.readOnly.highLevelContactsOAuth2Api,
				oauthTokenData: {
					locationId: LOCATION_ID,
					scope: 'contacts.readonly locations/customFields.readonly',
				},
			},
		};
		const options = await getCustomFields.call(
			createLoadOptionsFunctions({ credentials: withScope, http }),
		);
		expect(options.map((option) => option.value)).toEqual(['f1', 'f2']);
		expect(sentRequest(http).options).toMatchObject({
			url: `${SERVER_URL}/locations/${LOCATION_ID}/customFields`,
			qs: { model: 'contact' },
		});

		const without = createLoadOptionsFunctions({
			credentials: credentials.readOnly,
			http: jest.fn(),
		});
		await expect(getCustomFields.call(without)).rejects.toThrow('Custom Fields: Read');
		expect(without.http).not.toHaveBeenCalled();
	});

	it('lists users of the company; a Private Integration token finds its company through the location', async () => {
		const http = jest
			.fn()
			.mockResolvedValueOnce(httpResponse({ location: { id: LOCATION_ID, companyId: 'co_9' } }))
			.mockResolvedValueOnce(
				httpResponse({ users: [{ id: 'u1', name: 'Grace', email: 'g@x.io' }], count: 1 }),
			);
		const context = createLoadOptionsFunctions({
			parameters: { authentication: 'privateIntegration' },
			credentials: credentials.privateIntegration,
			http,
		});
		expect(await getUsers.call(context)).toEqual([
			{ name: 'Grace', value: 'u1', description: 'g@x.io' },
		]);
		expect(sentRequest(http, 0).options.url).toBe(`${SERVER_URL}/locations/${LOCATION_ID}`);
		expect(sentRequest(http, 1).options).toMatchObject({
			url: `${SERVER_URL}/users/search`,
			qs: { companyId: 'co_9', locationId: LOCATION_ID },
		});
	});
});
