-- Every node registers itself and stamps a heartbeat. A node whose heartbeat is older than the
-- configured limit is dead; the age is measured with the database's clock, so the nodes' own
-- clocks may drift without making a live node look dead.
CREATE TABLE cluster_nodes (
  id text PRIMARY KEY,
  -- Where nginx and the other nodes reach it, e.g. http://10.0.0.11:3000.
  address text NOT NULL,
  cpu_pct real NOT NULL DEFAULT 0,
  runs integer NOT NULL DEFAULT 0,
  sandboxes integer NOT NULL DEFAULT 0,
  disk_bytes bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);
