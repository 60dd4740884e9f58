ALTER TABLE tasks VALIDATE CONSTRAINT tasks_assignee_id_fkey;
