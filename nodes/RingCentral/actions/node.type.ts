import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	callLog: 'get' | 'getAll';
	message: 'get' | 'getAll' | 'sendSms';
	contact: 'create' | 'delete' | 'get' | 'getAll' | 'update';
};

export type RingCentralType = AllEntities<NodeMap>;
