// How our database sessions name themselves to the server (PostgreSQL's application_name), so a
// runner that waits for the migration lock can say who holds it: "migration-lens command line
// (pid 4242)" or "migration-lens editor (pid 977)".

let program = 'migration-lens';

/** Called once by each entry point: the command line's engine half and the language server. */
export function nameSessions(role: 'command line' | 'editor'): void {
  program = `migration-lens ${role}`;
}

export const sessionName = (): string => `${program} (pid ${process.pid})`;
