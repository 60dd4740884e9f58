import { DIALECTS } from '../../model/source.js';
import { missingReferenceRule } from './missing-reference-rule.js';

export const missingObjectReference = missingReferenceRule(
  {
    id: 'missing-object-reference',
    category: 'dependency',
    dialects: DIALECTS,
    severity: 'error',
    docs: {
      summary: 'A statement uses an index, constraint, type, trigger, sequence, view or other named object that does not exist at that point in the history.',
      why:
        'The database rejects the statement (DROP INDEX, ALTER TYPE, DROP CONSTRAINT, ALTER SEQUENCE … on a name that is not there) and the migration stops half-way. ' +
        'Often the object was created under a generated name (`users_email_key`, `users_ibfk_1`) different from the one written here, or was renamed earlier. IF EXISTS is respected.',
      fix: 'Name the object as the database named it (the message says when it was dropped or renamed), or add IF EXISTS when it may legitimately be absent.',
      examples: [{ bad: 'ALTER TABLE users ADD UNIQUE (email);\nALTER TABLE users DROP CONSTRAINT users_email_unique;', good: 'ALTER TABLE users DROP CONSTRAINT users_email_key;' }],
    },
  },
  ['index', 'check', 'primary-key', 'unique', 'foreign-key', 'enum', 'view', 'materialized-view', 'function', 'trigger', 'extension', 'sequence', 'schema'],
);
