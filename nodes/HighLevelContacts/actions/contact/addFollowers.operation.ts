import { followersOperation } from './membership';

export const { description, execute } = followersOperation(
	'addFollowers',
	'POST',
	'Users to add as followers',
);
