// Prints the closing line CI reads: "N passed, N failed" (unit and end-to-end cases together).
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		// Suites that failed to load count as failures even though they ran no test.
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		process.stdout.write(
			`\ntests: ${results.numPassedTests} passed, ${failed} failed` +
				(skipped ? `, ${skipped} skipped` : '') +
				'\n',
		);
	}
}
module.exports = SummaryReporter;
