-- MySQL has no partial indexes: index every task and let the query filter on status.
CREATE INDEX tasks_assignee_due_idx ON tasks (assignee_id, due_on) ALGORITHM=INPLACE LOCK=NONE;
