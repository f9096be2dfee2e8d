import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCallName } from '../api/contract';
import type { Engine } from '../api/engine';
import { refusedByHost } from './call-policy';
import { BODY_LIMIT_BYTES, readBody } from './read-body';
import { isJsonContentType, originAllowed } from './request-guards';
import { refuse, sendJson } from './respond';
import { bearerToken, tokenMatches } from './token';

export interface ApiContext {
  engine: Engine;
  token: string;
  databasePath: string;
  /** tests only: accept a lowered key-derivation cost in office.create */
  allowTestKdf?: boolean;
  bodyLimit?: number;
}

const OPEN_PRINTED_ADDRESS = 'Open the address Homeward printed when it started (it ends in #token=…).';

/**
 * `POST /api/<call name>` with the call's input as the JSON body. Answers
 * with the engine's Result (HTTP 200, whether the call succeeded or was
 * refused); the host's own refusals use 4xx with the same shape. The Host
 * header has been checked before this runs.
 */
export async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, host: string, ctx: ApiContext): Promise<void> {
  if (req.method !== 'POST') {
    return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'Homeward calls are made with POST and a JSON body.', { Allow: 'POST' });
  }
  if (!originAllowed(req.headers.origin, host)) {
    return refuse(res, 403, 'FORBIDDEN', `Homeward refuses calls from other web pages. ${OPEN_PRINTED_ADDRESS}`);
  }
  const given = bearerToken(req.headers.authorization);
  if (given === null) {
    return refuse(res, 401, 'UNAUTHORIZED', `This request carries no Homeward token. ${OPEN_PRINTED_ADDRESS}`, {
      'WWW-Authenticate': 'Bearer realm="homeward"',
    });
  }
  if (!tokenMatches(ctx.token, given)) {
    return refuse(res, 401, 'UNAUTHORIZED', `The token does not belong to this launch of Homeward (it changes every time Homeward starts). ${OPEN_PRINTED_ADDRESS}`, {
      'WWW-Authenticate': 'Bearer realm="homeward", error="invalid_token"',
    });
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', "Send the call's input as JSON, with the header Content-Type: application/json.");
  }
  const name = path.slice('/api/'.length);
  if (!isCallName(name)) {
    // The name is echoed only when it is a plausible call name, and never long.
    const shown = /^[A-Za-z0-9._-]{1,64}$/.test(name) ? `"${name}"` : 'of that name';
    return refuse(res, 404, 'UNKNOWN_CALL', `There is no call ${shown}. Update Homeward if the screens are newer than the engine.`);
  }

  const limit = ctx.bodyLimit ?? BODY_LIMIT_BYTES;
  const body = await readBody(req, limit);
  if (body.kind === 'aborted') return;
  if (body.kind === 'too_large') {
    const mb = Math.round(limit / 2 ** 20);
    return refuse(res, 413, 'PAYLOAD_TOO_LARGE', `The request is larger than ${mb} MB. Attach files of at most 15 MB each.`, { Connection: 'close' });
  }

  let input: unknown;
  try {
    const text = body.body.toString('utf8');
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return refuse(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }

  const refused = refusedByHost(name, input, ctx.databasePath, { allowTestKdf: ctx.allowTestKdf ?? false });
  if (refused) return sendJson(res, 200, refused);
  const result = await ctx.engine.call(name, input);
  if (res.destroyed) return;
  sendJson(res, 200, result);
}
