import { useId, useMemo, useState, type FormEvent } from 'react';
import type { PersonView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { COUNTRY_CODES } from '../../../../src/domain/reference/countries';
import { VERIFICATION_METHODS, VERIFICATION_OUTCOMES, type VerificationOutcome } from '../../../../src/domain/verification';
import { api } from '../../api/transport';
import { Dialog, DialogActions, Field } from '../../components/ui';
import { countryLabel, countryName } from '../../format';
import { useI18n } from '../../i18n';
import { validationText } from '../../i18n/messages';
import { EngineError } from './EngineError';

type Method = (typeof VERIFICATION_METHODS)[number];
type FieldName = 'method' | 'authority' | 'country' | 'outcome' | 'otherNationality' | 'reference' | 'decidedAt' | 'note';
const FIELD_NAMES: readonly string[] = ['method', 'authority', 'country', 'outcome', 'otherNationality', 'reference', 'decidedAt', 'note'];

/** Every ISO 3166 country, by its name in the reader's language. */
function useCountryOptions(locale: string) {
  return useMemo(() => {
    const collator = new Intl.Collator(locale);
    return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale), label: countryLabel(code, locale) })).sort((a, b) => collator.compare(a.name, b.name));
  }, [locale]);
}

/** Record one authority's answer on the person's nationality (verification.record). */
export function VerificationDialog({
  person,
  onClose,
  onRecorded,
}: {
  person: PersonView;
  onClose: () => void;
  onRecorded: (view: PersonView, outcome: VerificationOutcome) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const countries = useCountryOptions(locale);
  const [method, setMethod] = useState<Method>('embassy_list');
  const [authority, setAuthority] = useState('');
  const [country, setCountry] = useState(person.claimedNationality ?? '');
  const [outcome, setOutcome] = useState<VerificationOutcome | ''>('');
  const [other, setOther] = useState('');
  const [reference, setReference] = useState('');
  const [decidedAt, setDecidedAt] = useState('');
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const missing: Partial<Record<FieldName, string>> = {};
    if (!authority.trim()) missing.authority = t('validation.required');
    if (!country) missing.country = t('validation.required');
    if (!outcome) missing.outcome = t('validation.required');
    if (outcome === 'other_nationality' && !other) missing.otherNationality = t('validation.required');
    setFieldErrors(missing);
    setError(null);
    if (Object.keys(missing).length || !outcome) return;
    setBusy(true);
    const result = await api('verification.record', {
      ref: person.id,
      verification: {
        method,
        authority: authority.trim(),
        country,
        outcome,
        otherNationality: outcome === 'other_nationality' ? other : null,
        reference: reference.trim() || null,
        decidedAt: decidedAt || null,
        note: note.trim() || null,
        ...(evidence.length ? { evidence } : {}),
      },
    });
    if (result.ok) {
      onRecorded(result.value, outcome);
      return;
    }
    setBusy(false);
    // Field problems go next to their field; anything else above the buttons.
    const fields = (result.error.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
    const placed: Partial<Record<FieldName, string>> = {};
    for (const f of fields) {
      const name = f.path.replace(/^verification\./, '');
      if (!FIELD_NAMES.includes(name)) continue;
      // A check the catalog has no sentence for: keep the engine's own words after the generic one.
      const text = validationText(t, f.message);
      placed[name as FieldName] = text === t('validation.invalid') ? `${text} ${f.message}` : text;
    }
    setFieldErrors(placed);
    if (fields.length === 0 || fields.length > Object.keys(placed).length) setError(result.error);
  };

  const fid = (name: FieldName) => `${id}-${name}`;
  const invalid = (name: FieldName) =>
    fieldErrors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${fid(name)}-error` } : {};
  const countrySelect = (name: 'country' | 'otherNationality', value: string, set: (v: string) => void) => (
    <select id={fid(name)} value={value} onChange={(e) => set(e.target.value)} {...invalid(name)}>
      <option value="">{t('detail.verification.choose')}</option>
      {countries.map((c) => (
        <option key={c.code} value={c.code}>
          {c.label}
        </option>
      ))}
    </select>
  );

  return (
    <Dialog open title={t('detail.recordVerification')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="detail-dialog-grid">
        <Field label={t('detail.verification.method')} htmlFor={fid('method')} error={fieldErrors.method}>
          <select id={fid('method')} value={method} onChange={(e) => setMethod(e.target.value as Method)} {...invalid('method')}>
            {VERIFICATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`method.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('detail.verification.country')} htmlFor={fid('country')} error={fieldErrors.country}>
          {countrySelect('country', country, setCountry)}
        </Field>
        <div className="span-2">
          <Field label={t('detail.verification.authority')} htmlFor={fid('authority')} error={fieldErrors.authority}>
            <input id={fid('authority')} type="text" autoComplete="off" value={authority} onChange={(e) => setAuthority(e.target.value)} {...invalid('authority')} />
          </Field>
        </div>
        <Field label={t('detail.verification.outcome')} htmlFor={fid('outcome')} error={fieldErrors.outcome}>
          <select id={fid('outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as VerificationOutcome | '')} {...invalid('outcome')}>
            <option value="">{t('detail.verification.choose')}</option>
            {VERIFICATION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        {outcome === 'other_nationality' ? (
          <Field label={t('detail.verification.other')} htmlFor={fid('otherNationality')} error={fieldErrors.otherNationality}>
            {countrySelect('otherNationality', other, setOther)}
          </Field>
        ) : (
          <div aria-hidden="true" />
        )}
        <Field label={t('detail.verification.reference')} htmlFor={fid('reference')} error={fieldErrors.reference}>
          <input id={fid('reference')} type="text" autoComplete="off" value={reference} onChange={(e) => setReference(e.target.value)} {...invalid('reference')} />
        </Field>
        <Field label={t('detail.verification.decidedAt')} htmlFor={fid('decidedAt')} error={fieldErrors.decidedAt} hint={t('detail.verification.decidedAtHint')}>
          <input autoComplete="off"
            id={fid('decidedAt')}
            type="date"
            value={decidedAt}
            max={new Date().toISOString().slice(0, 10)}
            onChange={(e) => setDecidedAt(e.target.value)}
            aria-describedby={`${fid('decidedAt')}-hint`}
            {...invalid('decidedAt')}
          />
        </Field>
        <div className="span-2">
          <Field label={t('detail.verification.note')} htmlFor={fid('note')} error={fieldErrors.note}>
            <textarea autoComplete="off" id={fid('note')} rows={2} value={note} onChange={(e) => setNote(e.target.value)} {...invalid('note')} />
          </Field>
          {person.attachments.length > 0 && (
            <fieldset className="detail-evidence">
              <legend>{t('journey.evidenceChoose')}</legend>
              {person.attachments.map((a) => (
                <label key={a.id}>
                  <input
                    type="checkbox"
                    checked={evidence.includes(a.id)}
                    onChange={(e) => setEvidence((list) => (e.target.checked ? [...list, a.id] : list.filter((x) => x !== a.id)))}
                  />
                  {t(`attachment.${a.kind}`)} · {a.filename ?? t('detail.unnamedFile')}
                </label>
              ))}
            </fieldset>
          )}
          <EngineError error={error} />
          <DialogActions label={t('detail.recordVerification')} busy={busy} onCancel={onClose} />
        </div>
      </form>
    </Dialog>
  );
}
