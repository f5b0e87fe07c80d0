const Sequencer = require('@jest/test-sequencer').default;

const ORDER = ['/unit/', '/activities/', '/api/', '/workflows/', '/e2e/'];
const rank = (path) => {
  const i = ORDER.findIndex((part) => path.includes(part));
  return i === -1 ? ORDER.length : i;
};

/** Runs the suites from the fastest to the slowest, so a broken rule fails early. */
class LayeredSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = LayeredSequencer;
