import { arraySuffix, columnLabel, columnTypeRule } from './column-types.js';
import { inCaseOf } from './keyword-case.js';

export const preferTimestampTz = columnTypeRule(
  {
    id: 'prefer-timestamp-tz',
    category: 'safety',
    dialects: ['postgres'],
    severity: 'warning',
    optIn: true,
    docs: {
      summary: 'Reports `timestamp` (without time zone) columns.',
      why:
        '`timestamp` drops the UTC offset: 2019-10-11 21:11:24+02 and 2019-10-11 21:11:24-06 are stored as the same value ' +
        'although they are eight hours apart, and what a value means depends on the time zone of whoever wrote it.',
      fix: 'Use `timestamptz` (`timestamp with time zone`): it stores an instant and converts to the session\'s time zone on the way out. The quick fix changes the type, keeping a precision.',
      differences: 'Off by default in Migration Lens, while squawk reports it by default: it is a preference, not a hazard at this point in history, and reported on every column it drowns the findings that are. Turn it on with `"rules": { "prefer-timestamp-tz": "warning" }` in `.migration-lens.json`. ' +
        'squawk names this rule prefer-timestamp-tz in its output (its documentation page is prefer-timestamptz); the id here is the one its output and `-- squawk-ignore` comments use.',
      examples: [{ bad: 'CREATE TABLE events (happened_at timestamp);', good: 'CREATE TABLE events (happened_at timestamptz);' }],
    },
  },
  (declared) => {
    const { type } = declared;
    if (type.name !== 'timestamp without time zone') return undefined;
    const precision = type.args.length > 0 ? `(${type.args[0]})` : '';
    return {
      message: `${columnLabel(declared)} is \`${type.raw}\`, which drops the UTC offset: the same stored value means different instants to clients in different time zones. Use \`timestamptz\`.`,
      replacement: { text: `${inCaseOf(type.raw, 'timestamptz')}${precision}${arraySuffix(type)}`, title: `Change \`${type.raw}\` to \`timestamptz\`` },
    };
  },
);
