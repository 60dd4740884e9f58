import type { Statement } from '../model/changes.js';

/** Whether the last `SET FOREIGN_KEY_CHECKS` among `earlier` statements turned MySQL's foreign-key checks off. */
export function foreignKeyChecksOff(earlier: readonly Statement[]): boolean {
  let off = false;
  for (const { change } of earlier) {
    if (change?.kind !== 'set') continue;
    for (const { name, value } of [change, ...(change.more ?? [])]) {
      if (name === 'foreign_key_checks') off = /^(0|off|false)$/i.test(value.trim());
    }
  }
  return off;
}
