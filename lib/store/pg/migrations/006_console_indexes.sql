-- The indexes a learner made or dropped in the SQL console (beyond the three teaching indexes),
-- so a node that takes the sandbox over rebuilds them too: JSON {"created": [{"name", "sql"}],
-- "dropped": [names]} as lib/sql-console/console-indexes.ts writes and validates it; NULL when
-- there is nothing to rebuild (never used, or reset since).
ALTER TABLE sandboxes ADD COLUMN console_indexes text;
