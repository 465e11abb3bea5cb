-- Which teaching indexes the learner has switched on, so a node that takes a sandbox over
-- (its holder died, or nginx moved the learner) rebuilds them on a fresh copy of the template:
-- a JSON array of index names, NULL until the first change. And when the sandbox last moved
-- between nodes, from which one, so the lab panel can say its data was reset on a new machine.
ALTER TABLE sandboxes ADD COLUMN indexes text;
ALTER TABLE sandboxes ADD COLUMN moved_at text;
ALTER TABLE sandboxes ADD COLUMN moved_from text;
