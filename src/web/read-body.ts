import type { IncomingMessage } from 'node:http';

/** Attachments travel base64 inside the JSON body: 15 MB of file is about 21 MB of text. */
export const BODY_LIMIT_BYTES = 25 * 1024 * 1024;

export type BodyOutcome = { kind: 'ok'; body: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Reads a request body up to `limit` bytes. Past the limit the rest is read
 * and dropped (so the client can still receive the refusal) but never kept.
 */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });

  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      chunks = [];
      resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) settle({ kind: 'too_large' });
      else chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'ok', body: Buffer.concat(chunks, size) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}
