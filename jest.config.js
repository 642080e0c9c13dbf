/** Unit tests run the nodes' code against fakes of n8n's function context; e2e tests run the built package inside a
 * real n8n against the API simulators. `npm test` runs both and ends with one "N passed, N failed" line. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: { warnOnly: false } }];

module.exports = {
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/global-teardown.ts',
			testTimeout: 180000,
			maxWorkers: 1,
		},
	],
};
