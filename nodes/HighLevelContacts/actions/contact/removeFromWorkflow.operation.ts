import { workflowOperation } from './membership';

export const { description, execute } = workflowOperation('removeFromWorkflow', 'DELETE');
