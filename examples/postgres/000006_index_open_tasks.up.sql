-- Partial index for the "my open tasks" page. CONCURRENTLY cannot run inside a transaction, so
-- this file holds this one statement only.
CREATE INDEX CONCURRENTLY tasks_assignee_open_idx ON tasks (assignee_id, due_on) WHERE status <> 'done';
