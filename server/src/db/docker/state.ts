// What we remember about a workspace's containers between sessions: the port they publish and the
// password they were created with. The CLI keeps it in `<workspace>/.migration-lens/docker.json`;
// the extension passes its own storage folder. The file holds passwords, so only its owner reads it.

import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureStateFolder } from '../state-folder.js';
import type { DockerEngine } from './engines.js';

export interface ContainerState {
  name: string;
  engine: DockerEngine;
  image: string;
  port: number;
  password: string;
  createdAt: string;
}

type StateFile = Partial<Record<DockerEngine, ContainerState>>;

export const STATE_FILE = 'docker.json';

export class ContainerStateStore {
  constructor(private readonly directory: string) {}

  get path(): string {
    return join(this.directory, STATE_FILE);
  }

  read(engine: DockerEngine): ContainerState | undefined {
    return this.readAll()[engine];
  }

  write(state: ContainerState): void {
    this.save({ ...this.readAll(), [state.engine]: state });
  }

  forget(engine: DockerEngine): void {
    const all = this.readAll();
    delete all[engine];
    this.save(all);
  }

  private readAll(): StateFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === 'object' ? (parsed as StateFile) : {};
    } catch {
      // A damaged file only costs the container's reuse: it is recreated with a new password.
      return {};
    }
  }

  private save(all: StateFile): void {
    ensureStateFolder(this.directory);
    writeFileSync(this.path, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    chmodSync(this.path, 0o600);
  }
}
