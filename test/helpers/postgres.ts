/**
 * @module test/helpers/postgres
 * A throwaway PostgreSQL cluster for tests and benches, started from the server binaries
 * that `pg_config --bindir` names (Debian: /usr/lib/postgresql/15/bin). initdb refuses to
 * run as root, so as root the data directory is chowned to the `postgres` user and the
 * binaries run through `runuser`/`su`. The server listens on a free 127.0.0.1 port and a
 * socket in the temp dir; `stop()` shuts it down and deletes the directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempPostgres {
  /** postgres://… URL of the database created for the caller. */
  url: string;
  /** URL of another fresh database on the same cluster. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder of initdb/pg_ctl, or null when the server binaries are absent. */
export function findPostgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config absent: fall through to the usual Debian locations
  }
  for (const v of ['17', '16', '15', '14']) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary, as the postgres user when we are root. */
function runPg(bin: string, args: string[]): void {
  let cmd = bin;
  let argv = args;
  if (isRoot) {
    const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
    if (runuser) {
      cmd = runuser;
      argv = ['-u', 'postgres', '--', bin, ...args];
    } else {
      cmd = 'su';
      argv = ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(shellQuote).join(' ')];
    }
  }
  const r = spawnSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Starts a fresh cluster and creates database `dbName`. Returns null when the binaries
 * are absent (callers must then say so loudly).
 */
export async function startTempPostgres(dbName = 'rasad_test'): Promise<TempPostgres | null> {
  const bindir = findPostgresBinDir();
  if (!bindir) return null;
  const dir = mkdtempSync(join(tmpdir(), 'rasad-pg-'));
  const data = join(dir, 'data');
  if (isRoot) {
    chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'rasad\n');
  if (isRoot) execFileSync('chown', ['postgres:postgres', pwfile]);
  runPg(join(bindir, 'initdb'), ['-D', data, '-U', 'rasad', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const opts = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60 -c shared_buffers=128MB`;
  runPg(join(bindir, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  const base = `postgres://rasad:rasad@127.0.0.1:${port}`;
  const { default: pg } = await import('pg');
  const createDatabase = async (name: string): Promise<string> => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
    return `${base}/${name}`;
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      runPg(join(bindir, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const url = await createDatabase(dbName);
    return { url, createDatabase, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Engines a test run covers: env STORES=sqlite,postgres (default both). */
export function selectedStores(): Array<'sqlite' | 'postgres'> {
  const raw = (process.env.STORES ?? 'sqlite,postgres').toLowerCase();
  const out: Array<'sqlite' | 'postgres'> = [];
  if (/sqlite/.test(raw)) out.push('sqlite');
  if (/postgres|pg/.test(raw)) out.push('postgres');
  return out;
}
