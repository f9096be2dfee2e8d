import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createWebHost, type WebHost, type WebHostOptions } from '../../src/web/server';
import { tempDir } from '../helpers';

/**
 * A real browser host on 127.0.0.1 with a real engine worker and a real
 * encrypted database in a temporary folder, serving a small fixture renderer.
 * Every host started here is closed after its test.
 */

/** Sits beside the renderer folder; no request may ever read it. */
export const SECRET_MARKER = 'NOT-FOR-THE-BROWSER-7f3a';

export const INDEX_HTML = '<!doctype html><html><head><title>Homeward</title><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>';
export const APP_JS = 'console.log("homeward fixture");';
export const HASHED_JS = 'export const hashed = true;';
export const HASHED_NAME = 'index-B3x_9kQa.js';

export interface Fixture {
  dir: string;
  rendererDir: string;
  databasePath: string;
}

export function fixtureRenderer(): Fixture {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(rendererDir, 'assets', HASHED_NAME), HASHED_JS);
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }');
  writeFileSync(join(rendererDir, 'assets', 'noto.woff2'), Buffer.from('wOF2fixture'));
  writeFileSync(join(rendererDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: SECRET_MARKER }));
  writeFileSync(join(dir, 'secret.txt'), SECRET_MARKER);
  return { dir, rendererDir, databasePath: join(dir, 'office.homeward') };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface TestHost {
  host: WebHost;
  fixture: Fixture;
  /** lines the host logged */
  logs: string[];
  /** every reply this test received, to check none gives the token away */
  replies: Reply[];
  /** a raw HTTP request: the path is sent exactly as given, headers default to a well-behaved client */
  request(method: string, path: string, options?: { headers?: Record<string, string | number>; body?: string | Buffer }): Promise<Reply>;
  /** a call the way the renderer makes it */
  call(name: string, input: unknown, headers?: Record<string, string>): Promise<Reply>;
}

const open: WebHost[] = [];

afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

export async function startTestHost(options: Partial<WebHostOptions> = {}): Promise<TestHost> {
  const fixture = fixtureRenderer();
  const logs: string[] = [];
  const host = await createWebHost({
    port: 0,
    databasePath: fixture.databasePath,
    rendererDir: fixture.rendererDir,
    actor: 'intake@web-test',
    log: (line) => logs.push(line),
    // Lets tests create offices with a cheap key derivation; the real command never allows it.
    allowTestKdf: true,
    ...options,
  });
  open.push(host);
  const replies: Reply[] = [];

  const request: TestHost['request'] = (method, path, { headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          method,
          path,
          agent: false,
          headers: { Host: `127.0.0.1:${host.port}`, ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            const reply = { status: res.statusCode ?? 0, headers: res.headers, text, json };
            replies.push(reply);
            resolve(reply);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const call: TestHost['call'] = (name, input, headers = {}) =>
    request('POST', `/api/${name}`, {
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
      body: JSON.stringify(input),
    });

  return { host, fixture, logs, replies, request, call };
}

/** The value of an `{ok: true}` reply, or a failure that shows the refusal. */
export function valueOf<T>(reply: Reply): T {
  const result = reply.json as { ok: boolean; value?: T; error?: unknown };
  if (reply.status !== 200 || !result?.ok) throw new Error(`expected success, got HTTP ${reply.status}: ${reply.text.slice(0, 500)}`);
  return result.value as T;
}

export function errorOf(reply: Reply): { code: string; message: string } {
  const result = reply.json as { ok: boolean; error?: { code: string; message: string } };
  if (result?.ok !== false || !result.error) throw new Error(`expected a refusal, got HTTP ${reply.status}: ${reply.text.slice(0, 500)}`);
  return result.error;
}
