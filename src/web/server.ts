import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEngine, type Engine } from '../api/engine';
import { lazyChromiumPrinter } from '../services/print/lazy-printer';
import { handleApi } from './api-route';
import { requestLogLine } from './request-log';
import { hostAllowed, rawPathOf } from './request-guards';
import { refuse } from './respond';
import { staticSite } from './static-files';
import { newToken } from './token';

export interface WebHostOptions {
  /** 0 (the default) picks a free port */
  port?: number;
  /** the office database this host opens; calls cannot name another */
  databasePath: string;
  /** the built renderer: index.html and assets/ */
  rendererDir: string;
  /** who the audit trail names for every change made through this host */
  actor: string;
  /** an engine the caller owns (and closes); by default the host starts its own and closes it */
  engine?: Engine;
  /** receives one line per request (no bodies, no queries); silent by default */
  log?: (line: string) => void;
  /** request body limit in bytes; 25 MB by default */
  bodyLimit?: number;
  /** tests only: accept a lowered key-derivation cost in office.create */
  allowTestKdf?: boolean;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/`; the renderer takes the token from `#token=…` */
  url: string;
  token: string;
  port: number;
  address(): AddressInfo;
  /** stops taking requests, lets running calls finish, then closes the engine it started */
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** How long running requests get to finish when the host closes. */
const CLOSE_GRACE_MS = 10_000;

/**
 * The browser host: the built renderer and the Homeward API on 127.0.0.1
 * only, guarded by a token that is new at every launch. Every request must
 * name this host in its Host header (DNS rebinding); API calls must also
 * carry the token and come from this origin.
 */
export async function createWebHost(options: WebHostOptions): Promise<WebHost> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new Error(`There is no built renderer in ${options.rendererDir} (index.html is missing).`);
  }
  const site = staticSite(options.rendererDir);
  const token = newToken();
  const log = options.log ?? (() => {});
  const ownsEngine = options.engine === undefined;
  // Printing (PDFs for rosters, lists and manifests) with this machine's Chromium, started on first use.
  const printer = lazyChromiumPrinter();
  const engine = options.engine ?? startEngine({ actor: options.actor, databasePath: options.databasePath }, undefined, { printPdf: printer.print });
  let port = 0;

  const route = async (req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<void> => {
    const host = req.headers.host;
    if (host === undefined || !hostAllowed(host, port)) {
      return refuse(res, 403, 'FORBIDDEN', `Homeward answers only at http://${LOOPBACK}:${port}/ on this computer. Open the address Homeward printed when it started.`);
    }
    if (!rawPath.startsWith('/')) return refuse(res, 400, 'BAD_REQUEST', 'The address is not valid.');
    if (rawPath === '/api' || rawPath.startsWith('/api/')) {
      return handleApi(req, res, rawPath, host, {
        engine,
        token,
        databasePath: options.databasePath,
        ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
        allowTestKdf: options.allowTestKdf ?? false,
      });
    }
    return site.serve(req, res, rawPath);
  };

  const server = createServer((req, res) => {
    const started = performance.now();
    const rawPath = rawPathOf(req.url);
    res.once('close', () =>
      log(requestLogLine(req.method, rawPath, res.writableFinished ? res.statusCode : 'aborted', performance.now() - started)),
    );
    route(req, res, rawPath).catch(() => {
      // The error may quote file names or data; the reply and the log stay generic.
      refuse(res, 500, 'INTERNAL', 'Homeward hit an unexpected problem serving this request. Restart Homeward; data already saved is safe.');
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: LOOPBACK, port: options.port ?? 0, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    if (ownsEngine) await engine.close();
    await printer.close();
    const code = (e as { code?: unknown }).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `Port ${options.port} on ${LOOPBACK} is already in use. Choose another with --port, or leave it out to take a free one.`
        : `Homeward could not listen on ${LOOPBACK}:${options.port ?? 0} (${String(code ?? e)}).`,
    );
  }
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${LOOPBACK}:${port}/`,
    token,
    port,
    address: () => server.address() as AddressInfo,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
          server.close(() => {
            clearTimeout(force);
            resolve();
          });
          server.closeIdleConnections();
        });
        if (ownsEngine) await engine.close();
        await printer.close();
      })();
      return closing;
    },
  };
}
