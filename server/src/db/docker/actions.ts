// The four things a user does with the workspace's container — start, stop, reset, status — and
// what came of each, in the words both `migration-lens docker` and the editor's
// migrationLens/docker request show. Neither says the password: it stays in the state file.

import type { DockerContainer, StartedContainer } from './container.js';
import { containerUrl } from './engines.js';

export const CONTAINER_ACTIONS = ['start', 'stop', 'reset', 'status'] as const;
export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];

export interface ContainerOutcome {
  action: ContainerAction;
  /** The container `--target docker` (`target: "docker"`) uses for the set. */
  container: string;
  image: string;
  /**
   * What was done: `created`, `started` or `reused` (start, reset), `stopped` or `not-running`
   * (stop), `none` (status, and a reset that was not confirmed).
   */
  done: StartedContainer['action'] | 'stopped' | 'not-running' | 'none';
  /** Docker's state of the container afterwards ("running", "exited", …), when known. */
  dockerState?: string;
  /** Where the container listens, without its password. */
  url?: string;
  /** start, reset: a connection succeeded. */
  ready?: boolean;
  /** The wait for connections was cancelled: the container is left running, not yet seen accepting connections. */
  cancelled: boolean;
  /** One sentence for the user. */
  message: string;
}

/** How the user does things from where they are, for the messages. */
export interface ActionWording {
  /** How to start the container: "`migration-lens docker start db/migrations`". */
  start: string;
  /** Where the password is kept. */
  stateFile: string;
}

/** Why a reset waits for a confirmation; `confirm` says how to give it. */
export function resetNeedsConfirmation(container: DockerContainer, confirm: string): string {
  return `reset removes container ${container.name} and all its data, then starts a new one on a new port with a new password; ${confirm} to go ahead`;
}

export async function performContainerAction(container: DockerContainer, action: ContainerAction, wording: ActionWording): Promise<ContainerOutcome> {
  const about = { action, container: container.name, image: container.image, cancelled: false };
  switch (action) {
    case 'start':
    case 'reset': {
      const started = action === 'reset' ? await container.reset() : await container.start();
      const running = { ...about, done: started.action, dockerState: 'running', url: started.target.url };
      if (started.cancelled) {
        return {
          ...running,
          ready: false,
          cancelled: true,
          message: `Stopped waiting for container ${container.name} to accept connections: it is left running and may still be initialising its database; ${wording.start} waits again.`,
        };
      }
      return { ...running, ready: true, message: `Container ${container.name} (${container.image}) ${started.action}: ${started.target.url} (password in ${wording.stateFile})` };
    }
    case 'stop':
      return (await container.stop())
        ? { ...about, done: 'stopped', dockerState: 'exited', message: `Stopped container ${container.name}; its data is kept, ${wording.start} starts it again.` }
        : { ...about, done: 'not-running', message: `Container ${container.name} is not running.` };
    case 'status': {
      const { dockerState, image, state } = await container.status();
      if (dockerState === undefined) return { ...about, done: 'none', message: `Container ${container.name} (${container.image}) does not exist; ${wording.start} creates it.` };
      const url = state && containerUrl(state.engine, state.port);
      return { ...about, image: image ?? container.image, done: 'none', dockerState, url, message: `Container ${container.name} (${image}): ${dockerState}${url ? `, ${url}` : ''}` };
    }
  }
}
