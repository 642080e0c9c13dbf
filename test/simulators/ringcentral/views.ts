import {
	ACCOUNT_ID,
	type CallRecord,
	type Contact,
	type DirectoryEntry,
	type Extension,
	type Message,
} from './state';

/**
 * Stored records -> the spec's response shapes. Everything that depends on the server's address (`uri`s) or on the
 * request (`view`) is added here; bookkeeping fields (`version`, the owning `extensionId` of a call) are dropped.
 */

type Json = Record<string, unknown>;

export const extensionPath = (extensionId: string) =>
	`/restapi/v1.0/account/${ACCOUNT_ID}/extension/${extensionId}`;

export function callRecordView(
	record: CallRecord,
	baseUrl: string,
	view: 'Simple' | 'Detailed' = 'Simple',
): Json {
	const {
		extensionId,
		lastModifiedTime,
		version: _version,
		recording,
		message,
		...fields
	} = record;
	const base = `${baseUrl}${extensionPath(extensionId)}`;
	const out: Json = {
		...fields,
		uri: `${base}/call-log/${record.id}?view=${view}`,
		extension: { id: Number(extensionId), uri: `${baseUrl}${extensionPath(extensionId)}` },
	};
	if (recording) {
		out.recording = {
			...recording,
			uri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/recording/${recording.id}`,
			contentUri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/recording/${recording.id}/content`,
		};
	}
	if (message) out.message = { ...message, uri: `${base}/message-store/${message.id}` };
	if (view === 'Detailed') {
		out.lastModifiedTime = lastModifiedTime;
		const { id: _id, uri: _uri, sessionId: _sessionId, ...leg } = out;
		out.legs = [
			{
				...leg,
				legType: record.direction === 'Inbound' ? 'Accept' : 'RingOutWebToCaller',
				master: true,
			},
		];
	}
	return out;
}

export function messageView(message: Message, baseUrl: string): Json {
	const { version: _version, attachments, ...fields } = message;
	const base = `${baseUrl}${extensionPath(message.extensionId)}/message-store/${message.id}`;
	return {
		...fields,
		uri: base,
		conversation: {
			id: String(message.conversationId),
			uri: `${baseUrl}/restapi/v1.0/conversation/${message.conversationId}`,
		},
		attachments: ((attachments as Json[] | undefined) ?? []).map((attachment) => ({
			...attachment,
			uri: `${base}/content/${String(attachment.id)}`,
		})),
	};
}

export function contactView(contact: Contact, baseUrl: string): Json {
	const { version: _version, extensionId, ...fields } = contact;
	return {
		...fields,
		uri: `${baseUrl}${extensionPath(extensionId)}/address-book/contact/${contact.id}`,
	};
}

export function directoryView(entry: DirectoryEntry): Json {
	return { ...entry, account: { id: ACCOUNT_ID } };
}

export function extensionView(extension: Extension, baseUrl: string): Json {
	return {
		id: Number(extension.id),
		uri: `${baseUrl}${extensionPath(extension.id)}`,
		extensionNumber: extension.extensionNumber,
		name: `${extension.firstName} ${extension.lastName}`,
		type: 'User',
		status: 'Enabled',
		contact: {
			firstName: extension.firstName,
			lastName: extension.lastName,
			email: extension.email,
		},
		account: { id: ACCOUNT_ID, uri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}` },
	};
}

export function phoneNumberView(extension: Extension, baseUrl: string) {
	return extension.phoneNumbers.map((number) => ({
		id: number.id,
		uri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/phone-number/${number.id}`,
		phoneNumber: number.phoneNumber,
		usageType: number.usageType,
		features: number.features,
		type: 'VoiceFax',
		status: 'Normal',
		paymentType: 'Local',
		primary: number.usageType === 'DirectNumber',
		country: {
			id: '1',
			uri: `${baseUrl}/restapi/v1.0/dictionary/country/1`,
			name: 'United States',
		},
		extension: {
			id: Number(extension.id),
			uri: `${baseUrl}${extensionPath(extension.id)}`,
			extensionNumber: extension.extensionNumber,
		},
	}));
}

/**
 * Classic v1.0 paging: `page`/`perPage` plus `paging` and `navigation` whose URIs repeat the request's query with
 * another page, exactly what a client following `navigation.nextPage.uri` needs.
 */
export function paged<T>(
	records: T[],
	request: { baseUrl: string; path: string; query: Record<string, string | string[]> },
	page: number,
	perPage: number,
) {
	const totalPages = Math.max(1, Math.ceil(records.length / perPage));
	const start = (page - 1) * perPage;
	const slice = records.slice(start, start + perPage);
	const link = (target: number) => {
		const params = new URLSearchParams();
		for (const [key, value] of Object.entries(request.query)) {
			if (key === 'page' || key === 'perPage') continue;
			for (const item of [value].flat()) params.append(key, item);
		}
		params.set('page', String(target));
		params.set('perPage', String(perPage));
		return { uri: `${request.baseUrl}${request.path}?${params}` };
	};
	const navigation: Json = { firstPage: link(1), lastPage: link(totalPages) };
	if (page < totalPages) navigation.nextPage = link(page + 1);
	if (page > 1) navigation.previousPage = link(page - 1);
	const paging: Json = { page, perPage, totalPages, totalElements: records.length };
	if (slice.length > 0) {
		paging.pageStart = start;
		paging.pageEnd = start + slice.length - 1;
	}
	return { uri: link(page).uri, records: slice, paging, navigation };
}
