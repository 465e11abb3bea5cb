-- Cross-node signals (pause, resume, stop-all, caps, broadcast, projector). Publishing inserts a
-- row and NOTIFYs; every node reads the rows after the last seq it saw, woken by the NOTIFY or by
-- its poll timer. The rows are events, not state: room state lives in its own tables.
CREATE TABLE cluster_signals (
  seq bigserial PRIMARY KEY,
  origin text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cluster_signals_created_at ON cluster_signals (created_at);
