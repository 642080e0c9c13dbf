/** Unit tests run the nodes' code against fakes of n8n's function context; e2e tests run the built package inside a
 * real n8n against the API simulators. `npm test` runs both and ends with one "N passed, N failed" line. */
const path = require('path');

const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }];
// jest's own reporters by file: the 'default' preset always appends its summary last, after ours
const jestReporter = (name) =>
	path.join(path.dirname(require.resolve('@jest/reporters/package.json')), 'build', `${name}.js`);

module.exports = {
	// some unit suites drive a simulator through tens of thousands of records, and CI has 2 cores
	testTimeout: 30000,
	reporters: [
		jestReporter(process.argv.includes('--verbose') ? 'VerboseReporter' : 'DefaultReporter'),
		jestReporter('SummaryReporter'),
		'<rootDir>/test/support/summary-reporter.js',
	],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.demo/'], // both hold a copy of package.json
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			// one n8n per run, shared by all e2e files; scripts/test.sh runs jest in band so a file may restart it
			displayName: 'e2e',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.demo/'], // both hold a copy of package.json
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/global-teardown.ts',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/harness/jest-setup.ts'],
		},
	],
};
