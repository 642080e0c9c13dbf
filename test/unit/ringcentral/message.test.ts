import { RingCentral } from '../../../nodes/RingCentral/RingCentral.node';
import { getSmsSenderNumbers } from '../../../nodes/RingCentral/methods/loadOptions';
import { fakeExecute, page, useInstantClock } from './support';
import type { FakeOptions } from './support';

useInstantClock();

const run = async (options: FakeOptions) => {
	const fake = fakeExecute(options);
	const output = await new RingCentral().execute.call(fake.context);
	return { ...fake, output: output[0] };
};

const sms = { resource: 'message', operation: 'sendSms', extensionId: '~', options: {} };

describe('Message: Send SMS', () => {
	it('posts from, every recipient and the text, normalising the numbers to E.164', async () => {
		const { requests, output } = await run({
			parameters: {
				...sms,
				from: '+1 650-555-0100',
				to: '+1 (415) 555-0101, +44 20 7946 0958',
				text: 'Hello',
			},
			respond: (request) => ({
				body: {
					id: 42,
					from: { phoneNumber: '+16505550100' },
					to: [{ phoneNumber: '+14155550101' }, { phoneNumber: '+442079460958' }],
					echo: request.body,
				},
			}),
		});

		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('POST');
		expect(requests[0].path).toBe('/restapi/v1.0/account/~/extension/~/sms');
		expect(requests[0].body).toEqual({
			from: { phoneNumber: '+16505550100' },
			to: [{ phoneNumber: '+14155550101' }, { phoneNumber: '+442079460958' }],
			text: 'Hello',
		});
		expect(output[0].json).toMatchObject({
			fromE164: '+16505550100',
			toE164: ['+14155550101', '+442079460958'],
		});
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('accepts exactly 1000 characters', async () => {
		const { requests } = await run({
			parameters: { ...sms, from: '+16505550100', to: '+14155550101', text: 'x'.repeat(1000) },
			respond: () => ({ body: { id: 1 } }),
		});
		expect((requests[0].body as { text: string }).text).toHaveLength(1000);
	});

	it.each([
		[
			{ text: 'x'.repeat(1001) },
			'Text is 1001 characters long; RingCentral accepts at most 1000 [item 0]',
		],
		// An emoji is two UTF-16 units, and RingCentral counts it as two symbols
		[{ text: `${'x'.repeat(999)}😀` }, 'Text is 1001 characters long'],
		[{ text: '   ' }, 'Text is empty [item 0]'],
		[{ to: '+1 415 555 0101, 555' }, 'To "555" is not a valid phone number [item 0]'],
		[{ to: ' , ' }, 'To is empty [item 0]'],
		[{ from: 'not a number' }, 'From "not a number" is not a valid phone number [item 0]'],
		[
			{ options: { defaultCountry: 'USA' } },
			'Default Phone Country "USA" is not a two-letter ISO country code',
		],
	])('refuses %p without sending anything (never truncates)', async (override, message) => {
		const fake = fakeExecute({
			parameters: { ...sms, from: '+16505550100', to: '+14155550101', text: 'Hi', ...override },
		});
		await expect(new RingCentral().execute.call(fake.context)).rejects.toThrow(message);
		expect(fake.requests).toHaveLength(0);
	});

	it('reports a bad item and goes on with the next when Continue On Fail is set', async () => {
		const { requests, output } = await run({
			items: 2,
			continueOnFail: true,
			parameters: (itemIndex) => ({
				...sms,
				from: '+16505550100',
				to: itemIndex === 0 ? 'nope' : '+14155550101',
				text: 'Hi',
			}),
			respond: () => ({ body: { id: 7 } }),
		});

		expect(requests).toHaveLength(1);
		expect(output).toEqual([
			{
				json: { error: 'To "nope" is not a valid phone number [item 0]' },
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ id: 7 }), pairedItem: { item: 1 } },
		]);
	});
});

describe('Message: Get and Get Many', () => {
	it('reads one message by numeric id', async () => {
		const { requests, output } = await run({
			parameters: {
				resource: 'message',
				operation: 'get',
				extensionId: '~',
				messageId: ' 1724099032020 ',
				options: {},
			},
			respond: () => ({
				body: { id: 1724099032020, from: { phoneNumber: '+14155550101' }, to: [] },
			}),
		});
		expect(requests[0].path).toBe(
			'/restapi/v1.0/account/~/extension/~/message-store/1724099032020',
		);
		expect(output[0].json).toMatchObject({ fromE164: '+14155550101', toE164: [] });
	});

	it('refuses a message id that is not a number', async () => {
		const fake = fakeExecute({
			parameters: {
				resource: 'message',
				operation: 'get',
				extensionId: '~',
				messageId: 'abc',
				options: {},
			},
		});
		await expect(new RingCentral().execute.call(fake.context)).rejects.toThrow(
			'Message ID "abc" is not valid: expected a number [item 0]',
		);
	});

	it('lists with the spec parameter names and follows pages to the end', async () => {
		const store = '/restapi/v1.0/account/~/extension/~/message-store';
		const { requests, output } = await run({
			parameters: {
				resource: 'message',
				operation: 'getAll',
				extensionId: '~',
				returnAll: true,
				filters: {
					messageType: ['SMS', 'VoiceMail'],
					direction: ['Inbound'],
					conversationId: '77',
				},
				options: {},
			},
			respond: (request) => ({
				body:
					request.qs.page === '2'
						? page([{ id: 2 }])
						: page([{ id: 1 }], `${store}?page=2&perPage=1000`),
			}),
		});

		expect(requests[0].qs).toEqual({
			messageType: ['SMS', 'VoiceMail'],
			direction: ['Inbound'],
			conversationId: '77',
			perPage: 1000,
		});
		expect(output.map((item) => item.json.id)).toEqual([1, 2]);
	});
});

describe('Send SMS "From" list', () => {
	it("offers only the extension's numbers with the SmsSender feature", async () => {
		const fake = fakeExecute({
			parameters: { extensionId: '~' },
			respond: () => ({
				body: page([
					{
						phoneNumber: '+16505550100',
						usageType: 'DirectNumber',
						features: ['CallerId', 'SmsSender'],
					},
					{ phoneNumber: '+16505550199', usageType: 'MainCompanyNumber', features: ['CallerId'] },
					{
						phoneNumber: '+16505550111',
						label: 'Sales',
						usageType: 'DirectNumber',
						features: ['SmsSender'],
					},
				]),
			}),
		});
		const options = await getSmsSenderNumbers.call(fake.loadOptionsContext);

		expect(fake.requests[0].path).toBe('/restapi/v1.0/account/~/extension/~/phone-number');
		expect(options).toEqual([
			{ name: '+16505550100 (DirectNumber)', value: '+16505550100' },
			{ name: '+16505550111 (Sales, DirectNumber)', value: '+16505550111' },
		]);
	});
});
