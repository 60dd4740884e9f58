// Small text helpers shared across the engine.

/** `text` with every character a regular expression would read as syntax escaped. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` holds `word` on its own, in any case: not as part of a longer identifier. */
export const mentionsWord = (text: string, word: string): boolean => new RegExp(`(^|[^\\w$])${escapeRegExp(word)}($|[^\\w$])`, 'i').test(text);
