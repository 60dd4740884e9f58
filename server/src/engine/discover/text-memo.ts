// Results of pure functions of a file's text, kept across discoveries. The language server
// discovers the workspace again after every edit, and all files but the edited one read as they
// did before; looking a text up costs one hash and compare, scanning it again a full pass.

/** Texts whose results are kept, in characters, before the least recently used are dropped. */
const DEFAULT_CAPACITY = 32 * 1024 * 1024;

export class TextMemo<T> {
  private readonly results = new Map<string, T>();
  private characters = 0;

  constructor(
    private readonly compute: (text: string) => T,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get(text: string): T {
    if (this.results.has(text)) {
      const result = this.results.get(text)!;
      // Map order is insertion order: moving a hit to the end keeps the oldest first for eviction.
      this.results.delete(text);
      this.results.set(text, result);
      return result;
    }
    const result = this.compute(text);
    this.results.set(text, result);
    this.characters += text.length;
    if (this.characters > this.capacity) this.evictOldest();
    return result;
  }

  private evictOldest(): void {
    for (const [oldest] of this.results) {
      if (this.characters <= this.capacity) break;
      this.results.delete(oldest);
      this.characters -= oldest.length;
    }
  }
}
