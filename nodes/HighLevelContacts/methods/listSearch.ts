import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { getConnection, highLevelApiRequest } from '../transport';

const PAGE_SIZE = 50;

function label(contact: IDataObject): string {
	const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
	return String(
		contact.name ?? contact.contactName ?? (name || contact.email || contact.phone || contact.id),
	);
}

/** Contacts matching the typed text; the `searchAfter` cursor of the last one is the pagination token. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { locationId } = await getConnection.call(this);
	const { contacts } = await highLevelApiRequest.call(this, 'POST', '/contacts/search', {
		body: {
			locationId,
			pageLimit: PAGE_SIZE,
			...(filter ? { query: filter } : {}),
			...(paginationToken ? { searchAfter: jsonParse<IDataObject[]>(paginationToken) } : {}),
		},
		idempotent: true,
	});
	const records = (contacts ?? []) as IDataObject[];
	const last = records[records.length - 1];
	return {
		results: records.map((contact) => ({
			name: label(contact),
			value: String(contact.id),
			url: `https://app.gohighlevel.com/v2/location/${locationId}/contacts/detail/${contact.id}`,
		})),
		paginationToken:
			records.length === PAGE_SIZE && last?.searchAfter
				? JSON.stringify(last.searchAfter)
				: undefined,
	};
}
