/**
 * Starts the API simulators standalone (demo, benchmark):
 *   npx tsx test/simulators/cli.ts --highlevel-port 0 --ringcentral-port 0
 * prints one JSON line with their URLs and ready-made tokens, and runs until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startHighLevelSimulator } from './highlevel';
import { startRingCentralSimulator } from './ringcentral';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			'highlevel-port': { type: 'string', default: '0' },
			'ringcentral-port': { type: 'string', default: '0' },
		},
	});
	const highLevel = await startHighLevelSimulator({ port: Number(values['highlevel-port']) });
	const ringCentral = await startRingCentralSimulator({ port: Number(values['ringcentral-port']) });
	console.log(
		JSON.stringify({
			highlevel: {
				url: highLevel.url,
				oauth: highLevel.issueToken(),
				privateIntegration: highLevel.issueToken({ kind: 'private-integration' }),
			},
			ringcentral: { url: ringCentral.url, oauth: ringCentral.issueTokens() },
		}),
	);
	const stop = async () => {
		await Promise.all([highLevel.close(), ringCentral.close()]);
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
