import type { INodeProperties } from 'n8n-workflow';

import * as addFollowers from './addFollowers.operation';
import * as addToCampaign from './addToCampaign.operation';
import * as addToWorkflow from './addToWorkflow.operation';
import * as bulkUpdateBusiness from './bulkUpdateBusiness.operation';
import * as bulkUpdateTags from './bulkUpdateTags.operation';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as findDuplicate from './findDuplicate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getByBusiness from './getByBusiness.operation';
import * as removeFollowers from './removeFollowers.operation';
import * as removeFromAllCampaigns from './removeFromAllCampaigns.operation';
import * as removeFromCampaign from './removeFromCampaign.operation';
import * as removeFromWorkflow from './removeFromWorkflow.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export {
	addFollowers,
	addToCampaign,
	addToWorkflow,
	bulkUpdateBusiness,
	bulkUpdateTags,
	create,
	deleteContact as delete,
	findDuplicate,
	get,
	getAll,
	getByBusiness,
	removeFollowers,
	removeFromAllCampaigns,
	removeFromCampaign,
	removeFromWorkflow,
	update,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add Followers',
				value: 'addFollowers',
				description: 'Add users as followers of a contact',
				action: 'Add followers to a contact',
			},
			{
				name: 'Add to Campaign',
				value: 'addToCampaign',
				description: 'Add a contact to a campaign',
				action: 'Add a contact to a campaign',
			},
			{
				name: 'Add to Workflow',
				value: 'addToWorkflow',
				description: 'Enroll a contact in a workflow',
				action: 'Add a contact to a workflow',
			},
			{
				name: 'Bulk Update Business',
				value: 'bulkUpdateBusiness',
				description: 'Attach several contacts to a business, or detach them',
				action: 'Bulk update the business of contacts',
			},
			{
				name: 'Bulk Update Tags',
				value: 'bulkUpdateTags',
				description: 'Add or remove tags on several contacts at once',
				action: 'Bulk update the tags of contacts',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a contact',
				action: 'Create a contact',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact',
				action: 'Delete a contact',
			},
			{
				name: 'Find Duplicate',
				value: 'findDuplicate',
				description: 'Find the existing contact with an email or phone number',
				action: 'Find a duplicate contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact',
				action: 'Get a contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Search contacts',
				action: 'Get many contacts',
			},
			{
				name: 'Get Many by Business',
				value: 'getByBusiness',
				description: 'Get the contacts of a business',
				action: 'Get many contacts by business',
			},
			{
				name: 'Remove Followers',
				value: 'removeFollowers',
				description: 'Remove users from the followers of a contact',
				action: 'Remove followers from a contact',
			},
			{
				name: 'Remove From All Campaigns',
				value: 'removeFromAllCampaigns',
				description: 'Remove a contact from every campaign',
				action: 'Remove a contact from all campaigns',
			},
			{
				name: 'Remove From Campaign',
				value: 'removeFromCampaign',
				description: 'Remove a contact from a campaign',
				action: 'Remove a contact from a campaign',
			},
			{
				name: 'Remove From Workflow',
				value: 'removeFromWorkflow',
				description: 'Remove a contact from a workflow',
				action: 'Remove a contact from a workflow',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a contact',
				action: 'Update a contact',
			},
		],
		default: 'get',
	},
	...addFollowers.description,
	...addToCampaign.description,
	...addToWorkflow.description,
	...bulkUpdateBusiness.description,
	...bulkUpdateTags.description,
	...create.description,
	...deleteContact.description,
	...findDuplicate.description,
	...get.description,
	...getAll.description,
	...getByBusiness.description,
	...removeFollowers.description,
	...removeFromAllCampaigns.description,
	...removeFromCampaign.description,
	...removeFromWorkflow.description,
	...update.description,
	...upsert.description,
];
