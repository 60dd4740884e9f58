ALTER TABLE tasks DROP FOREIGN KEY tasks_assignee_id_fkey;
