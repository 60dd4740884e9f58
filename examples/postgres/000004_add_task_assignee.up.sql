ALTER TABLE tasks ADD COLUMN assignee_id bigint;

-- NOT VALID skips the full-table check that would block writes.
-- 000005 validates it in a transaction of its own.
ALTER TABLE tasks
    ADD CONSTRAINT tasks_assignee_id_fkey FOREIGN KEY (assignee_id) REFERENCES users (id) NOT VALID;
