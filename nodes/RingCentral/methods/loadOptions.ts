import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ringCentralApiRequestAllItems } from '../transport';

/** The extension's numbers that may send SMS (feature "SmsSender"), for the Send SMS "From" list. */
export async function getSmsSenderNumbers(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const extensionId = String(this.getCurrentNodeParameter('extensionId') ?? '~').trim();
	const extension = /^\d+$/.test(extensionId) ? extensionId : '~';
	const numbers = await ringCentralApiRequestAllItems.call(
		this,
		'GET',
		`/restapi/v1.0/account/~/extension/${extension}/phone-number`,
		undefined,
		{ perPage: 1000 },
		{ keep: (number) => ((number.features ?? []) as string[]).includes('SmsSender') },
	);
	return numbers.map((number) => {
		const details = [number.label, number.usageType].filter(Boolean).join(', ');
		return {
			name: details
				? `${number.phoneNumber as string} (${details})`
				: (number.phoneNumber as string),
			value: number.phoneNumber as string,
		};
	});
}
