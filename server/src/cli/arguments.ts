// Checks on command-line values shared by the commands.

/** Whether `value` is one of the `allowed` spellings; narrows it to their type. */
export function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}
