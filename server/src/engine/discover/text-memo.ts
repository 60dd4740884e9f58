// Results of pure functions of a file's text, kept across discoveries. The language server
// discovers the workspace again after every edit, and all files but the edited one read as they
// did before; looking a text up costs one hash and compare, scanning it again a full pass.

/** Texts whose results are kept, in characters, before the least recently used are dropped. */
const DEFAULT_CAPACITY = 32 * 1024 * 1024;

export class TextMemo<T> {
  /** Each result with the tick of its last use: a hit costs a stamp, and only eviction sorts. */
  private readonly results = new Map<string, { value: T; used: number }>();
  private characters = 0;
  private tick = 0;

  constructor(
    private readonly compute: (text: string) => T,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get(text: string): T {
    const hit = this.results.get(text);
    if (hit) {
      hit.used = ++this.tick;
      return hit.value;
    }
    const value = this.compute(text);
    this.results.set(text, { value, used: ++this.tick });
    this.characters += text.length;
    if (this.characters > this.capacity) this.evictLeastRecentlyUsed();
    return value;
  }

  private evictLeastRecentlyUsed(): void {
    const byUse = [...this.results].sort(([, a], [, b]) => a.used - b.used);
    for (const [text] of byUse) {
      if (this.characters <= this.capacity) break;
      this.results.delete(text);
      this.characters -= text.length;
    }
  }
}
