// Database containers through the `docker` client (see container.ts).
export { DockerCli, DockerError } from './cli.js';
export { DockerContainer, type DockerContainerOptions, type StartedContainer } from './container.js';
export { ENGINES, imageFor, type DockerEngine } from './engines.js';
export { containerName } from './naming.js';
