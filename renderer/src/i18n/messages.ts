import type { ErrorBody } from '../../../src/domain/errors';
import type { RuleViolation } from '../../../src/domain/stages';
import type { MessageKey } from './en';
import type { Params, Translate } from './index';
import { journeyViolationText } from './rules';

type Dynamic = (key: string, params?: Params, fallback?: string) => string;

/** A stage rule's refusal in the reader's language; the engine's English if no translation exists. */
export function violationText(tDynamic: Dynamic, v: RuleViolation): string {
  const journey = journeyViolationText(tDynamic, v, (inner) => violationText(tDynamic, inner));
  if (journey !== null) return journey;
  const missing = v.missing?.map((f) => tDynamic(`field.${f}`, undefined, f)).join(', ') ?? '';
  return tDynamic(`rule.${v.rule}`, { missing }, v.message);
}

/**
 * The engine's validation messages are English sentences; these are the ones
 * the intake schema can produce, mapped to catalog keys.
 */
const VALIDATION_KEYS: [RegExp, MessageKey][] = [
  [/^Give at least one name/, 'validation.nameRequired'],
  [/^Give either a birth date or an estimated age/, 'validation.birthOrAge'],
  [/^Use YYYY, YYYY-MM or YYYY-MM-DD/, 'validation.partialDate'],
  [/^Use a real date as YYYY-MM-DD/, 'validation.calendarDate'],
  [/^Not an ISO 3166 country code/, 'validation.country'],
  [/^Phone:/, 'validation.phone'],
  [/^Estimated age/, 'validation.age'],
  [/is in the future\.$/, 'validation.futureDate'],
  [/^An overridden consent needs a reason/, 'validation.overrideReason'],
  [/^Unknown language code/, 'validation.language'],
  [/^Too long/, 'validation.tooLong'],
  [/must be one of|Must be one of/, 'validation.chooseOne'],
];

/** The catalog key for one of the engine's known validation sentences, or null. */
export function validationKey(message: string): MessageKey | null {
  for (const [pattern, key] of VALIDATION_KEYS) if (pattern.test(message)) return key;
  return null;
}

export function validationText(t: Translate, message: string, code?: string): string {
  const key = validationKey(message);
  if (key) return t(key);
  if (code === 'too_big') return t('validation.tooLong');
  if (code === 'invalid_value') return t('validation.chooseOne');
  return t('validation.invalid');
}

/** One sentence for any refusal the engine sends back. */
export function errorText(t: Translate, tDynamic: Dynamic, error: ErrorBody): string {
  const details = error.details as { violations?: RuleViolation[]; fields?: { path: string; message: string }[] } | undefined;
  if (error.code === 'RULE_VIOLATION' && details?.violations?.length) {
    return details.violations.map((v) => violationText(tDynamic, v)).join(' ');
  }
  if (error.code === 'VALIDATION_FAILED' && details?.fields?.length) {
    return details.fields
      .map((f) => `${tDynamic(`field.${f.path.split('.')[0]}`, undefined, f.path)}: ${validationText(t, f.message)}`)
      .join(' ');
  }
  return tDynamic(`error.${error.code}`, undefined, error.message);
}
