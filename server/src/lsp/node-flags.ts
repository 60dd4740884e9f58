// The Node options the language server runs with, for everything that starts it: the extension,
// the protocol tests and the benchmarks.

/**
 * Semi-spaces of 8 MB instead of V8's 16. An analysis after an edit keeps much of what it
 * allocates (new snapshots, rule results), so each young-generation collection copies it: with
 * 16 MB they paused the server for 8–11 ms, and one landed in the edited file's own diagnostics
 * every few edits. With 8 MB they are twice as frequent and half as long, and the idle server
 * is about 20 MB smaller (2,000 migrations with downs, 80 edits: p95 of the edited file 15–18 ms
 * → 12.5–13.3 ms, idle 204–211 MB → 178–192 MB).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
