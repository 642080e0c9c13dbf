import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getConnection, highLevelApiRequest, path } from '../transport';

export async function getCustomFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { locationId } = await getConnection.call(this);
	const { customFields } = await highLevelApiRequest.call(
		this,
		'GET',
		path`/locations/${locationId}/customFields`,
		{
			qs: { model: 'contact' },
			scope: 'locations/customFields.readonly',
		},
	);
	return ((customFields ?? []) as IDataObject[])
		.map((field) => ({
			name: String(field.name),
			value: String(field.id),
			description: `${field.fieldKey ?? ''} (${field.dataType ?? 'unknown type'})`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Private Integration tokens carry no company id; the location record has it. */
async function companyIdOf(
	this: ILoadOptionsFunctions,
	locationId: string,
	known?: string,
): Promise<string> {
	if (known) return known;
	const { location } = await highLevelApiRequest.call(this, 'GET', path`/locations/${locationId}`, {
		scope: 'locations.readonly',
	});
	return String((location as IDataObject | undefined)?.companyId ?? '');
}

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { locationId, companyId } = await getConnection.call(this);
	const { users } = await highLevelApiRequest.call(this, 'GET', '/users/search', {
		qs: {
			companyId: await companyIdOf.call(this, locationId, companyId),
			locationId,
			limit: '100',
		},
		scope: 'users.readonly',
	});
	return ((users ?? []) as IDataObject[])
		.map((user) => ({
			name: String(
				user.name ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || user.email),
			),
			value: String(user.id),
			description: user.email as string | undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
