/**
 * Every failure a person can meet carries a stable code (for programs, tests
 * and translations) and a sentence that says what is wrong and what to do.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'RULE_VIOLATION'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'CONFLICT'
  | 'LOCKED'
  | 'UNKNOWN_CALL'
  | 'FORBIDDEN'
  | 'UNAUTHORIZED'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BAD_REQUEST'
  | 'WRONG_PASSPHRASE'
  | 'WRONG_RECOVERY_KEY'
  | 'RECOVERY_KEY_MALFORMED'
  | 'PASSPHRASE_TOO_WEAK'
  | 'PASSPHRASE_REQUIRED'
  | 'DB_NOT_FOUND'
  | 'DB_EXISTS'
  | 'FOLDER_NOT_FOUND'
  | 'DB_KEY_MISMATCH'
  | 'KEYRING_MISSING'
  | 'KEYRING_INVALID'
  | 'SCHEMA_TOO_NEW'
  | 'FILE_UNREADABLE'
  | 'FILE_TOO_LARGE'
  | 'BAD_USAGE'
  | 'BUNDLE_REFUSED'
  | 'CONFIRMATION_REQUIRED'
  | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Structured detail, e.g. the rule violations or the invalid fields. */
  details?: unknown;
}

export class HomewardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HomewardError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** Turns zod issues into one readable sentence plus per-field detail. */
export function validationError(issues: readonly { path: readonly PropertyKey[]; message: string }[], what = 'The input'): HomewardError {
  const fields: FieldIssue[] = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join(' ');
  return new HomewardError('VALIDATION_FAILED', `${what} is not valid. ${summary}`, { fields });
}

/**
 * Any thrown value as a refusal that can cross a process boundary. Raw errors
 * may quote stored values, so only a HomewardError's own message goes out;
 * anything else becomes INTERNAL with `advice` and, at most, its error code.
 */
export function refusal(e: unknown, advice: string): { ok: false; error: ErrorBody } {
  if (e instanceof HomewardError) return { ok: false, error: e.toBody() };
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return {
    ok: false,
    error: { code: 'INTERNAL', message: `Homeward hit an unexpected problem${typeof code === 'string' ? ` (${code})` : ''}. ${advice}` },
  };
}
