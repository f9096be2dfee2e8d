import type { MessageKey } from './en';

/**
 * English messages that name a count, as they read when the count is 1:
 * the parameter holding the count, and the text then ("1 person
 * registered", not "1 people registered"). Only English needs them: Thai,
 * Chinese, Burmese and Vietnamese do not mark number on the noun.
 */
export const EN_ONE: Partial<Record<MessageKey, readonly [count: string, text: string]>> = {
  'reason.sameBirthday': ['n', 'same birthday, born 1 year apart'],
  'reason.bornWithin': ['n', 'born within 1 year'],
  'reason.bornWithinEstimated': ['n', 'born within 1 year (age estimated)'],
  'reason.bornApart': ['n', 'born 1 year apart'],
  'reason.sameBirthMonthApart': ['n', 'same birth month, born 1 year apart'],
  'import.reading.summary': ['rows', '{name}: {format}, 1 row below the header row'],
  'import.reading.previous': ['created', 'This same file was imported before: {date} by {actor}, 1 person registered. Rows imported then are skipped.'],
  'import.check.progress': ['total', 'Checked {checked} of 1 row'],
  'import.registerN': ['n', 'Register 1 person…'],
  'import.confirm.body': ['n', '1 person will be registered from {file}.'],
  'import.confirm.invalid': ['n', '1 row cannot be imported and is left out.'],
  'import.confirm.already': ['n', '1 row was imported before and is skipped.'],
  'import.confirm.flagged': ['n', '1 of them looks like someone already registered or listed twice, and goes to the duplicate review queue.'],
  'import.confirm.submit': ['n', 'Register 1 person'],
  'import.done.created': ['n', '1 person registered.'],
  'verify.create': ['n', 'Make list of 1 person'],
  'plan.submit': ['n', 'Plan batch with 1 person'],
  'plan.created': ['n', 'Batch {code} planned with 1 person.'],
  'handover.create': ['n', 'Create handover of 1 person and sign the manifest'],
  'list.count': ['total', '{shown} of 1 person'],
};
