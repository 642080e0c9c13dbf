import { campaignOperation } from './membership';

export const { description, execute } = campaignOperation('removeFromCampaign', 'DELETE');
