-- Runs once, when the postgres container initialises an empty data volume (docker-compose.yml
-- mounts this folder at /docker-entrypoint-initdb.d, where psql executes it). One server, three
-- databases: the case service's own, and Temporal's persistence and visibility stores, whose
-- schema temporalio/auto-setup applies on every start. Each is created only if missing, so a
-- POSTGRES_USER or POSTGRES_DB that happens to share a name does not break the init.
SELECT 'CREATE DATABASE barnekoordinator'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'barnekoordinator')\gexec
SELECT 'CREATE DATABASE temporal'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal')\gexec
SELECT 'CREATE DATABASE temporal_visibility'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility')\gexec
