import { execFileSync } from 'child_process';
import { n8n } from './harness/n8n';
import { readState } from './harness/n8n-process';
import { chain, createJwtCredential, done, ringCentralNode, useRingCentralSimulator } from './support/ringcentral';
const rig = useRingCentralSimulator();
test('debug dedupe', async () => {
	const { sim } = rig;
	const credential = await createJwtCredential(sim);
	const id = await rig.activate(chain(ringCentralNode('ringCentralTrigger', 'RingCentral Trigger', credential, { events: ['inboundSms'] }), done));
	const db = `${readState().runDir}/user/.n8n/database.sqlite`;
	const show = () => console.log(execFileSync('sqlite3', [db, `select staticData from workflow_entity where id='${id}'`]).toString());
	show();
	const [s] = sim.subscriptions.all;
	const r = await sim.deliver(s.id, { event: `/restapi/v1.0/account/400131234008/extension/62264425008/message-store/instant?type=SMS`, body: { id: '1', type: 'SMS', direction: 'Inbound', from: { phoneNumber: '+14155550166' }, to: [{ phoneNumber: '+16505550101' }], subject: 'x', creationTime: new Date().toISOString() }, copies: 2 });
	console.log(r);
	await new Promise((res) => setTimeout(res, 1500));
	show();
	console.log((await n8n.listExecutions(id)).length);
});
