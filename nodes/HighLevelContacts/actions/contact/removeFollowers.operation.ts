import { followersOperation } from './membership';

export const { description, execute } = followersOperation(
	'removeFollowers',
	'DELETE',
	'Users to remove from the followers',
);
