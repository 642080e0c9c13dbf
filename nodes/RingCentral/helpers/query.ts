import type { IDataObject } from 'n8n-workflow';

/** Query parameters without unset values or empty lists, so only what the user chose is sent. */
export function dropEmpty(qs: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(qs).filter(
			([, value]) =>
				value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
		),
	);
}
