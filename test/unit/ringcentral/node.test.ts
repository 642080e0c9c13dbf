import type { NodeApiError } from 'n8n-workflow';

import { RingCentral } from '../../../nodes/RingCentral/RingCentral.node';
import { fakeExecute, useInstantClock } from './support';

useInstantClock();

describe('RingCentral node', () => {
	const { description } = new RingCentral();

	it('is usable as an AI tool and authenticates with the JWT credential unless OAuth2 is chosen', () => {
		expect(description.usableAsTool).toBe(true);
		expect(
			description.properties.find((property) => property.name === 'authentication')?.default,
		).toBe('ringCentralJwtApi');
		expect(
			description.credentials?.map((credential) => [
				credential.name,
				credential.displayOptions?.show,
			]),
		).toEqual([
			['ringCentralJwtApi', { authentication: ['ringCentralJwtApi'] }],
			['ringCentralOAuth2Api', { authentication: ['ringCentralOAuth2Api'] }],
		]);
	});

	it('names the failing item in API errors', async () => {
		const fake = fakeExecute({
			items: 2,
			parameters: (itemIndex) => ({
				resource: 'contact',
				operation: 'get',
				extensionId: '~',
				contactId: String(itemIndex + 1),
			}),
			respond: (request) =>
				request.path.endsWith('/2')
					? {
							statusCode: 404,
							body: {
								errors: [
									{
										errorCode: 'CMN-102',
										message: 'Resource for parameter [contactId] is not found',
									},
								],
							},
						}
					: { body: { id: 1 } },
		});
		const error = (await new RingCentral().execute
			.call(fake.context)
			.catch((e: unknown) => e)) as NodeApiError;

		expect(error.message).toBe(
			'RingCentral answered 404 CMN-102: Resource for parameter [contactId] is not found',
		);
		expect(error.context.itemIndex).toBe(1);
	});
});
