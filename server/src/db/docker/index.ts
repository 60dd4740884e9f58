// Database containers through the `docker` client (see container.ts).
export { CONTAINER_ACTIONS, performContainerAction, resetNeedsConfirmation, type ActionWording, type ContainerAction, type ContainerOutcome } from './actions.js';
export { DockerCli, DockerError } from './cli.js';
export { DockerContainer, type ContainerStatus, type DockerContainerOptions, type StartedContainer } from './container.js';
export { containerUrl, ENGINES, imageFor, type DockerEngine } from './engines.js';
export { containerName } from './naming.js';
