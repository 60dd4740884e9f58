import { spawn, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Runs a program to completion; on failure the error carries its output, which says why. */
export function runCommand(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${lastLines(output)}`));
    });
  });
}

/** The end of a server's log file, where the reason it did not start is written. */
export function logTail(path: string): string {
  try {
    return lastLines(readFileSync(path, 'utf8'));
  } catch {
    return `(no log at ${path})`;
  }
}

function lastLines(text: string, count = 20): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}
