import { tagsOperation } from './common';

export const { description, execute } = tagsOperation('remove', 'DELETE');
