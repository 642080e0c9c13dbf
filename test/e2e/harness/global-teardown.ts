/** Jest global teardown of the e2e project: stops the n8n of this run (a test may have restarted it, so the pid
 * comes from the state file) and removes the run folder unless N8N_E2E_KEEP is set (global setup then prints it).
 * Prints nothing: the summary reporter's line must stay the last line of the run. */
import { rmSync } from 'fs';

import { readState, stopN8n } from './n8n-process';

export default async function globalTeardown(): Promise<void> {
	const state = readState();
	if (state.pid) await stopN8n(state.pid);
	if (!process.env.N8N_E2E_KEEP) rmSync(state.runDir, { recursive: true, force: true });
}
