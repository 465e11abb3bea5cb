-- Cluster mode keeps what describes a learner and a room here, so any node can serve anyone:
-- the same tables as the embedded app.db. Times stay ISO-8601 text, as in app.db, so both stores
-- return byte-identical values and compare them as strings in the same order.
CREATE TABLE learners (
  id text PRIMARY KEY,
  nickname text,
  created_at text NOT NULL,
  current_lesson text,
  last_seen_at text
);

CREATE TABLE sandboxes (
  id text PRIMARY KEY,
  learner_id text NOT NULL UNIQUE REFERENCES learners (id),
  -- The node whose disk holds the sandbox file now; another node takes it over on failover.
  node_id text,
  created_at text NOT NULL,
  reset_at text,
  last_used_at text NOT NULL
);
CREATE INDEX sandboxes_last_used ON sandboxes (last_used_at);

CREATE TABLE settings (
  sandbox_id text PRIMARY KEY REFERENCES sandboxes (id),
  -- Text, not jsonb: an older shape must read back exactly as written to fall back the same way.
  json text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE runs (
  -- Insertion order, the keyset tie-breaker for runs started in the same millisecond.
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  learner_id text NOT NULL REFERENCES learners (id),
  sandbox_id text NOT NULL,
  node_id text,
  status text NOT NULL,
  profile jsonb NOT NULL,
  knobs jsonb NOT NULL,
  started_at text NOT NULL,
  ended_at text,
  error text,
  note text,
  -- The lesson page the run was started from; NULL for /share or the API.
  lesson text,
  seconds jsonb NOT NULL DEFAULT '[]',
  summary jsonb
);
CREATE INDEX runs_learner ON runs (learner_id, started_at DESC, seq DESC);
CREATE INDEX runs_lesson ON runs (learner_id, lesson, started_at DESC);
CREATE INDEX runs_running ON runs (node_id) WHERE status = 'running';

CREATE TABLE progress (
  learner_id text NOT NULL REFERENCES learners (id),
  lesson text NOT NULL,
  kind text NOT NULL,
  item text NOT NULL,
  value jsonb NOT NULL,
  updated_at text NOT NULL,
  PRIMARY KEY (learner_id, lesson, kind, item)
);

CREATE TABLE lesson_epochs (
  learner_id text NOT NULL REFERENCES learners (id),
  lesson text NOT NULL,
  started_at text NOT NULL,
  PRIMARY KEY (learner_id, lesson)
);

CREATE TABLE workshop (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
