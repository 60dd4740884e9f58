CREATE TABLE task_comments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     bigint      NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id   bigint      NOT NULL REFERENCES users (id),
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
);

CREATE INDEX task_comments_task_id_idx ON task_comments (task_id, created_at);
