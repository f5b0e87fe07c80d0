/**
 * Ends the run with the slowest test files (to keep the suite's duration in view) and one plain
 * line, "N passed, N failed", for tools that read the last line.
 */
const SLOWEST = 15;

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const rootLength = process.cwd().length + 1;
    const files = results.testResults
      .map((r) => ({ file: r.testFilePath.slice(rootLength), seconds: (r.perfStats.end - r.perfStats.start) / 1000 }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST);
    if (files.length > 1) {
      process.stderr.write(`\nslowest test files:\n${files.map((f) => `  ${f.seconds.toFixed(1).padStart(7)} s  ${f.file}`).join('\n')}\n`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    const suiteFailures = results.numRuntimeErrorTestSuites;
    process.stderr.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests + suiteFailures} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}

module.exports = SummaryReporter;
