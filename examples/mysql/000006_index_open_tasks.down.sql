DROP INDEX tasks_assignee_due_idx ON tasks;
