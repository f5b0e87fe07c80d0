const Sequencer = require('@jest/test-sequencer').default;

// The fault suite (kill -9 of each part of npm start under load) is the slowest: last.
const ORDER = ['/unit/', '/activities/', '/api/', '/workflows/', '/e2e/', '/web/', '/faults/'];
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
