// What differs between the database images a container can run: image name, the port the server
// listens on inside the container, the environment that sets its password and database, and the
// loopback URL the container is reached through once its port is published.

import type { Dialect } from '../../engine/model/source.js';

export type DockerEngine = Dialect;

/** The database every container creates, so URLs and messages never depend on image defaults. */
export const CONTAINER_DATABASE = 'migration_lens';

export interface EngineSpec {
  engine: DockerEngine;
  /** Docker Hub repository of the official image. */
  repository: string;
  /** Tag used when no version is configured: a current long-term release. */
  defaultVersion: string;
  containerPort: number;
  user: string;
  /** `docker run -e` values that set the password and create the database. */
  environment(password: string): string[];
  /** URL scheme understood by openTarget. */
  scheme: 'postgres' | 'mysql' | 'mariadb';
}

export const ENGINES: Record<DockerEngine, EngineSpec> = {
  postgres: {
    engine: 'postgres',
    repository: 'postgres',
    defaultVersion: '16',
    containerPort: 5432,
    user: 'postgres',
    environment: (password) => [`POSTGRES_PASSWORD=${password}`, `POSTGRES_DB=${CONTAINER_DATABASE}`],
    scheme: 'postgres',
  },
  mysql: {
    engine: 'mysql',
    repository: 'mysql',
    defaultVersion: '8.4',
    containerPort: 3306,
    user: 'root',
    environment: (password) => [`MYSQL_ROOT_PASSWORD=${password}`, `MYSQL_DATABASE=${CONTAINER_DATABASE}`],
    scheme: 'mysql',
  },
  mariadb: {
    engine: 'mariadb',
    repository: 'mariadb',
    defaultVersion: '11.4',
    containerPort: 3306,
    user: 'root',
    environment: (password) => [`MARIADB_ROOT_PASSWORD=${password}`, `MARIADB_DATABASE=${CONTAINER_DATABASE}`],
    scheme: 'mariadb',
  },
};

/** `postgres:16`; a version is a tag, so anything Docker Hub tags (`16-alpine`, `11.4.2`) works. */
export function imageFor(engine: DockerEngine, version?: string): string {
  const spec = ENGINES[engine];
  return `${spec.repository}:${version?.trim() || spec.defaultVersion}`;
}

/** The URL without its password: the password travels beside it, so URLs can be printed. */
export function containerUrl(engine: DockerEngine, port: number): string {
  const spec = ENGINES[engine];
  return `${spec.scheme}://${spec.user}@127.0.0.1:${port}/${CONTAINER_DATABASE}`;
}
