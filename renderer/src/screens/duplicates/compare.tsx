import type { ReactNode } from 'react';
import type { PersonView } from '../../../../src/api/views';
import type { MergeField } from '../../../../src/domain/merge';
import { Country } from '../../components/Country';
import { formatDate } from '../../format';
import type { Translate } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

/**
 * The fields of the pair screen that a merge chooses between (MERGE_FIELDS of
 * src/domain/merge.ts), each with how to show it and how to compare it.
 */
export interface CompareField {
  field: MergeField;
  label: MessageKey;
  /** a plain value for comparing; '' when the record has none */
  key: (p: PersonView) => string;
  show: (p: PersonView, t: Translate, locale: string) => ReactNode;
}

const plain = (get: (p: PersonView) => string | null) => ({
  key: (p: PersonView) => (get(p) ?? '').trim(),
  show: (p: PersonView) => get(p) || '—',
});

export const COMPARE_FIELDS: CompareField[] = [
  { field: 'familyName', label: 'field.familyName', ...plain((p) => p.familyName) },
  { field: 'givenNames', label: 'field.givenNames', ...plain((p) => p.givenNames) },
  { field: 'nativeName', label: 'field.nativeName', ...plain((p) => p.nativeName) },
  {
    field: 'sex',
    label: 'field.sex',
    key: (p) => (p.sex === 'unknown' ? '' : p.sex),
    show: (p, t) => t(`sex.${p.sex}`),
  },
  {
    field: 'birth',
    label: 'field.birth',
    key: (p) => p.birthDate ?? (p.estimatedAge !== null ? `~${p.estimatedAge}` : ''),
    show: (p, t, locale) =>
      p.birthDate ? formatDate(p.birthDate, locale) : p.estimatedAge !== null ? t('detail.ageEstimated', { age: p.estimatedAge }) : '—',
  },
  {
    field: 'claimedNationality',
    label: 'field.claimedNationality',
    key: (p) => p.claimedNationality ?? '',
    show: (p) => <Country code={p.claimedNationality} />,
  },
  // Spaces and dashes are how a number was written down, not a different number.
  { field: 'phone', label: 'field.phone', key: (p) => (p.phone ?? '').replace(/[^\d+]/g, ''), show: (p) => p.phone || '—' },
  {
    field: 'rescueDate',
    label: 'field.rescueDate',
    key: (p) => p.rescueDate ?? '',
    show: (p, _t, locale) => formatDate(p.rescueDate, locale),
  },
  { field: 'rescueSite', label: 'field.rescueSite', ...plain((p) => p.rescueSite) },
  { field: 'rescueOperation', label: 'field.rescueOperation', ...plain((p) => p.rescueOperation) },
  { field: 'rescueGroup', label: 'field.rescueGroup', ...plain((p) => p.rescueGroup) },
  {
    field: 'consent',
    label: 'field.consent',
    key: (p) => (p.consent ? `${p.consent.status}|${p.consent.reason ?? ''}` : ''),
    show: (p, t) => (p.consent ? `${t(`consent.${p.consent.status}`)}${p.consent.reason ? `: ${p.consent.reason}` : ''}` : t('consent.none')),
  },
];

export type Side = 'left' | 'right';

/** The value kept when nobody chose: the staying record's, or the other's where it has none. */
export function defaultSide(f: CompareField, left: PersonView, right: PersonView): Side {
  return !f.key(left) && f.key(right) ? 'right' : 'left';
}
