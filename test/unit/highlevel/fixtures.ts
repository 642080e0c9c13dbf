import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HighLevelContacts } from '../../../nodes/HighLevelContacts/HighLevelContacts.node';
import type { FakeContextOptions } from '../support/n8n';
import { createExecuteFunctions } from '../support/n8n';

export const LOCATION_ID = 'loc_123';
export const SERVER_URL = 'https://hl.example.test';

const oAuth2 = (scope: string): IDataObject => ({
	apiUrl: SERVER_URL,
	scope,
	oauthTokenData: {
		access_token: 'secret-access-token',
		locationId: LOCATION_ID,
		companyId: 'co_1',
		scope,
	},
});

export const credentials = {
	readWrite: {
		highLevelContactsOAuth2Api: oAuth2('contacts.readonly contacts.write users.readonly'),
	},
	readOnly: { highLevelContactsOAuth2Api: oAuth2('contacts.readonly') },
	privateIntegration: {
		highLevelPrivateIntegrationApi: {
			token: 'pit-secret-token',
			locationId: LOCATION_ID,
			apiUrl: `${SERVER_URL}/`,
		},
	},
};

export const contactLocator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

/** Runs the node with the given parameters; OAuth2 read & write credentials unless told otherwise. */
export async function runNode(
	parameters: FakeContextOptions['parameters'],
	options: Omit<FakeContextOptions, 'parameters'> = {},
): Promise<{ output: INodeExecutionData[]; context: ReturnType<typeof createExecuteFunctions> }> {
	const context = createExecuteFunctions({
		credentials: credentials.readWrite,
		...options,
		parameters,
	});
	const [output] = await new HighLevelContacts().execute.call(context);
	return { output, context };
}
