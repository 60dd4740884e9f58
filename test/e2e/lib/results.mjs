// Collects pass/fail/pending per check and prints them as they happen.
const started = Date.now();

export const log = (message) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

export class Results {
  passed = [];
  failed = [];
  pending = [];

  /** Runs one named check; a throw is a failure, a returned string is printed as detail. */
  async check(name, fn) {
    const start = Date.now();
    try {
      const detail = await fn();
      this.pass(name, `${Date.now() - start} ms${detail ? `; ${detail}` : ''}`);
      return true;
    } catch (error) {
      this.fail(name, error.message);
      return false;
    }
  }

  pass(name, detail = '') {
    this.passed.push({ name });
    log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  }

  fail(name, error) {
    this.failed.push({ name, error });
    log(`FAIL ${name}\n       ${String(error).split('\n').join('\n       ')}`);
  }

  skip(name) {
    this.pending.push({ name });
    log(`PENDING ${name}`);
  }
}
