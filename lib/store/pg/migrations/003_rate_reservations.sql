-- The room's load budget, shared by all nodes: each run holds a reservation for the rate it was
-- granted. Reserving locks the single rate_budget row, so concurrent reservations from several
-- nodes take turns and their sum never exceeds the budget. Reservations held by a node whose
-- heartbeat died are ignored and deleted by the next reservation.
CREATE TABLE rate_budget (
  id integer PRIMARY KEY CHECK (id = 1)
);
INSERT INTO rate_budget (id) VALUES (1);

CREATE TABLE rate_reservations (
  run_id text PRIMARY KEY,
  node_id text NOT NULL REFERENCES cluster_nodes (id) ON DELETE CASCADE,
  -- One run per learner in the whole room, as on one node.
  learner_id text NOT NULL UNIQUE,
  rate double precision NOT NULL CHECK (rate >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_reservations_node ON rate_reservations (node_id);
