import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, type FieldError } from 'react-hook-form';
import type { PersonView } from '../../../src/api/views';
import type { ErrorBody } from '../../../src/domain/errors';
import { CONSENT_STATUSES, DOCUMENT_HOLDERS, DOCUMENT_TYPES, SEXES } from '../../../src/domain/person';
import { COUNTRY_CODES } from '../../../src/domain/reference/countries';
import { CONTROL_INDICATOR_CODES, VULNERABILITY_CODES } from '../../../src/domain/reference/indicators';
import { LANGUAGE_CODES } from '../../../src/domain/reference/languages';
import { api } from '../api/transport';
import { ErrorAlert, Field, Loading } from '../components/ui';
import { Picker, type Option } from '../components/Picker';
import { countryName, displayName, languageLabel } from '../format';
import { useI18n } from '../i18n';
import { validationText } from '../i18n/messages';
import { navigate } from '../router';
import { PossibleDuplicates } from './intake/PossibleDuplicates';
import { emptyValues, intakeResolver, toPersonInput, toPersonPatch, valuesFromPerson, type IntakeValues } from './intake/values';

/** Fields that stay filled for the next person: people registered together usually come from the same rescue. */
const STICKY = ['rescueDate', 'rescueSite', 'rescueOperation', 'rescueGroup'] as const;

export function IntakeScreen({ editRef }: { editRef?: string }) {
  const [person, setPerson] = useState<PersonView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const load = (ref: string) => void api('person.get', { ref }).then((r) => (r.ok ? setPerson(r.value) : setError(r.error)));
  useEffect(() => {
    if (editRef) load(editRef);
  }, [editRef]);
  if (editRef && error) return <ErrorAlert error={error} />;
  if (editRef && !person) return <Loading />;
  // Keyed by version: reloading after a conflict refills the form with the case as it is now.
  return <IntakeForm key={person?.updatedAt ?? 'new'} person={person} onReload={person ? () => load(person.id) : undefined} />;
}

function IntakeForm({ person, onReload }: { person: PersonView | null; onReload?: (() => void) | undefined }) {
  const { t, locale } = useI18n();
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const next = useRef(false);
  const firstField = useRef<HTMLInputElement | null>(null);
  const form = useForm<IntakeValues>({
    defaultValues: person ? valuesFromPerson(person) : emptyValues(),
    resolver: intakeResolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, handleSubmit, control, watch, reset, formState } = form;
  const errors = formState.errors;
  const aliases = useFieldArray({ control, name: 'aliases' });
  const documents = useFieldArray({ control, name: 'documents' });
  const ageMode = watch('ageMode');
  const consentStatus = watch('consentStatus');

  const countries: Option[] = useMemo(
    () =>
      [...COUNTRY_CODES]
        .map((c) => ({ value: c, label: `${countryName(c, locale)}`, keywords: `${countryName(c, 'en')} ${c}` }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [locale],
  );
  const languages: Option[] = useMemo(() => LANGUAGE_CODES.map((c) => ({ value: c, label: languageLabel(c, locale), keywords: `${languageLabel(c, 'en')} ${c}` })), [locale]);

  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const message = (e: FieldError | undefined) => (e?.message ? validationText(t, e.message, e.type) : undefined);
  const invalid = (e: FieldError | undefined) => (e ? true : undefined);

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const patch = person ? toPersonPatch(values, person) : null;
    if (person && !patch) {
      navigate({ name: 'person', ref: person.caseNumber });
      return;
    }
    const result =
      person && patch
        ? await api('person.update', { ref: person.id, patch, ...(values.editReason.trim() ? { reason: values.editReason.trim() } : {}) })
        : await api('person.add', toPersonInput(values));
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const name = displayName(result.value);
    if (person) {
      navigate({ name: 'person', ref: result.value.caseNumber });
    } else if (next.current) {
      setSaved(t('intake.saved', { caseNumber: result.value.caseNumber, name }));
      reset(emptyValues(Object.fromEntries(STICKY.map((k) => [k, values[k]]))));
      window.scrollTo(0, 0);
      firstField.current?.focus();
    } else {
      navigate({ name: 'person', ref: result.value.caseNumber });
    }
  });

  const submit = (andNext: boolean) => {
    next.current = andNext;
    void onSubmit();
  };

  const { ref: familyRef, ...familyField } = register('familyName');
  const errorCount = Object.keys(errors).length;

  return (
    <form
      aria-labelledby="intake-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit(!person);
        } else if (e.key === 'Escape') {
          history.back();
        }
      }}
    >
      <h1 id="intake-title">{person ? t('intake.editTitle', { name: displayName(person) }) : t('intake.title')}</h1>
      {saved && (
        <div className="alert ok" role="status">
          {saved}
        </div>
      )}
      {errorCount > 0 && (
        <div className="alert error" role="alert">
          {t('intake.errorsSummary')}
        </div>
      )}
      <ErrorAlert error={error} />
      {error?.code === 'CONFLICT' && onReload && (
        <button type="button" className="btn" onClick={onReload} style={{ marginBottom: '0.75rem' }}>
          {t('intake.reloadCase')}
        </button>
      )}

      <fieldset>
        <legend>{t('intake.section.name')}</legend>
        <div className="grid wide">
          <Field label={t('field.familyName')} htmlFor="familyName" error={message(errors.familyName)}>
            <input
              id="familyName"
              {...familyField}
              ref={(el) => {
                familyRef(el);
                firstField.current = el;
              }}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid(errors.familyName)}
            />
          </Field>
          <Field label={t('field.givenNames')} htmlFor="givenNames" error={message(errors.givenNames)}>
            <input id="givenNames" {...register('givenNames')} autoComplete="off" spellCheck={false} aria-invalid={invalid(errors.givenNames)} />
          </Field>
          <Field label={t('field.nativeName')} htmlFor="nativeName" error={message(errors.nativeName)}>
            <input id="nativeName" {...register('nativeName')} autoComplete="off" spellCheck={false} aria-invalid={invalid(errors.nativeName)} />
          </Field>
        </div>
        <div className="label" id="aliases-label">
          {t('field.aliases')}
        </div>
        {aliases.fields.map((f, i) => (
          <div className="row" key={f.id}>
            <Field label={t('intake.aliasLabel', { n: i + 1 })} htmlFor={`alias-${i}`} error={message(errors.aliases?.[i]?.value)}>
              <input id={`alias-${i}`} {...register(`aliases.${i}.value`)} autoComplete="off" spellCheck={false} />
            </Field>
            <button type="button" className="btn small" onClick={() => aliases.remove(i)} aria-label={t('intake.aliasRemove', { n: i + 1 })} style={{ marginBottom: '0.75rem' }}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="btn small" onClick={() => aliases.append({ value: '' })} style={{ marginBottom: '0.75rem' }}>
          + {t('intake.aliasAdd')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('intake.section.person')}</legend>
        <div className="grid wide">
          <div className="field" role="radiogroup" aria-labelledby="sex-label">
            <span className="label" id="sex-label">
              {t('field.sex')}
            </span>
            <div className="radios">
              {SEXES.map((s) => (
                <label key={s}>
                  <input type="radio" value={s} {...register('sex')} /> {t(`sex.${s}`)}
                </label>
              ))}
            </div>
          </div>
          <div className="field">
            <span className="label" id="age-label">
              {t('intake.ageMode')}
            </span>
            <div className="radios" role="radiogroup" aria-labelledby="age-label">
              <label>
                <input type="radio" value="estimate" {...register('ageMode')} /> {t('intake.ageMode.estimate')}
              </label>
              <label>
                <input type="radio" value="birthDate" {...register('ageMode')} /> {t('intake.ageMode.birthDate')}
              </label>
            </div>
          </div>
          {ageMode === 'birthDate' ? (
            <Field label={t('field.birthDate')} htmlFor="birthDate" error={message(errors.birthDate)} hint={t('intake.birthDateHint')}>
              <input id="birthDate" {...register('birthDate')} placeholder="1998-04-12" inputMode="numeric" autoComplete="off" aria-invalid={invalid(errors.birthDate)} />
            </Field>
          ) : (
            <Field label={t('field.estimatedAge')} htmlFor="estimatedAge" error={message(errors.estimatedAge)}>
              <input id="estimatedAge" {...register('estimatedAge')} inputMode="numeric" autoComplete="off" aria-invalid={invalid(errors.estimatedAge)} />
            </Field>
          )}
        </div>
        <div className="grid wide">
          <Field label={t('field.claimedNationality')} htmlFor="claimedNationality" error={message(errors.claimedNationality)}>
            <Controller
              control={control}
              name="claimedNationality"
              render={({ field }) => (
                <Picker id="claimedNationality" options={countries} value={field.value ? [field.value] : []} onChange={(v) => field.onChange(v[0] ?? '')} invalid={!!errors.claimedNationality} />
              )}
            />
          </Field>
          <Field label={t('field.languages')} htmlFor="languages" hint={t('intake.languagesHint')} error={message(errors.languages as FieldError | undefined)}>
            <Controller control={control} name="languages" render={({ field }) => <Picker id="languages" multiple options={languages} value={field.value} onChange={field.onChange} />} />
          </Field>
          <Field label={t('field.phone')} htmlFor="phone" error={message(errors.phone)}>
            <input id="phone" type="tel" {...register('phone')} autoComplete="off" aria-invalid={invalid(errors.phone)} />
          </Field>
        </div>
      </fieldset>

      <PossibleDuplicates form={form} exclude={person?.id} />

      <fieldset>
        <legend>{t('intake.section.documents')}</legend>
        {documents.fields.map((f, i) => {
          const e = errors.documents?.[i];
          return (
            <div className="repeat" key={f.id} role="group" aria-label={t('intake.documentN', { n: i + 1 })}>
              <div className="grid">
                <Field label={t('field.type')} htmlFor={`doc-${i}-type`}>
                  <select id={`doc-${i}-type`} {...register(`documents.${i}.type`)}>
                    {DOCUMENT_TYPES.map((d) => (
                      <option key={d} value={d}>
                        {t(`doctype.${d}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('field.number')} htmlFor={`doc-${i}-number`} error={message(e?.number)}>
                  <input id={`doc-${i}-number`} {...register(`documents.${i}.number`)} autoComplete="off" spellCheck={false} className="mono" />
                </Field>
                <Field label={t('field.issuingCountry')} htmlFor={`doc-${i}-country`} error={message(e?.issuingCountry)}>
                  <Controller
                    control={control}
                    name={`documents.${i}.issuingCountry`}
                    render={({ field }) => (
                      <Picker id={`doc-${i}-country`} options={countries} value={field.value ? [field.value] : []} onChange={(v) => field.onChange(v[0] ?? '')} />
                    )}
                  />
                </Field>
                <Field label={t('field.expiry')} htmlFor={`doc-${i}-expiry`} error={message(e?.expiry)}>
                  <input id={`doc-${i}-expiry`} {...register(`documents.${i}.expiry`)} placeholder="2030-12-31" autoComplete="off" />
                </Field>
                <Field label={t('field.holder')} htmlFor={`doc-${i}-holder`}>
                  <select id={`doc-${i}-holder`} {...register(`documents.${i}.holder`)}>
                    {DOCUMENT_HOLDERS.map((h) => (
                      <option key={h} value={h}>
                        {t(`holder.${h}`)}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <button type="button" className="btn small danger" onClick={() => documents.remove(i)}>
                {t('intake.documentRemove', { n: i + 1 })}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="btn small"
          style={{ marginBottom: '0.75rem' }}
          onClick={() => documents.append({ type: 'passport', number: '', issuingCountry: form.getValues('claimedNationality'), expiry: '', holder: 'compound' })}
        >
          + {t('intake.documentAdd')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('intake.section.rescue')}</legend>
        <div className="grid">
          <Field label={t('field.rescueDate')} htmlFor="rescueDate" error={message(errors.rescueDate)}>
            <input id="rescueDate" {...register('rescueDate')} placeholder="2026-10-14" autoComplete="off" aria-invalid={invalid(errors.rescueDate)} />
          </Field>
          <Field label={t('field.rescueSite')} htmlFor="rescueSite" error={message(errors.rescueSite)}>
            <input id="rescueSite" {...register('rescueSite')} autoComplete="off" aria-invalid={invalid(errors.rescueSite)} />
          </Field>
          <Field label={t('field.rescueOperation')} htmlFor="rescueOperation">
            <input id="rescueOperation" {...register('rescueOperation')} autoComplete="off" />
          </Field>
          <Field label={t('field.rescueGroup')} htmlFor="rescueGroup">
            <input id="rescueGroup" {...register('rescueGroup')} autoComplete="off" />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('intake.section.indicators')}</legend>
        <div className="label">{t('field.indicators')}</div>
        <div className="checks">
          {CONTROL_INDICATOR_CODES.map((c) => (
            <label key={c}>
              <input type="checkbox" value={c} {...register('indicators')} /> {t(`indicator.${c}`)}
            </label>
          ))}
        </div>
        <div className="label">{t('field.vulnerabilities')}</div>
        <div className="checks">
          {VULNERABILITY_CODES.map((c) => (
            <label key={c}>
              <input type="checkbox" value={c} {...register('vulnerabilities')} /> {t(`vulnerability.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('intake.section.consent')}</legend>
        <div className="radios" role="radiogroup" aria-label={t('field.consent')} style={{ marginBottom: '0.75rem' }}>
          <label>
            <input type="radio" value="" {...register('consentStatus')} /> {t('consent.none')}
          </label>
          {CONSENT_STATUSES.map((c) => (
            <label key={c}>
              <input type="radio" value={c} {...register('consentStatus')} /> {t(`consent.${c}`)}
            </label>
          ))}
        </div>
        {consentStatus === 'overridden' && (
          <Field label={t('intake.consentReason')} htmlFor="consentReason" error={message(errors.consentReason)}>
            <input id="consentReason" {...register('consentReason')} autoComplete="off" aria-invalid={invalid(errors.consentReason)} />
          </Field>
        )}
      </fieldset>

      {person && (
        <Field label={t('intake.editReason')} htmlFor="editReason">
          <input id="editReason" {...register('editReason')} autoComplete="off" />
        </Field>
      )}

      <div className="actions">
        <button type="submit" className="btn primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('intake.saving') : t('intake.save')}
        </button>
        {!person && (
          <button type="button" className="btn" disabled={formState.isSubmitting} onClick={() => submit(true)}>
            {t('intake.saveNext')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => history.back()}>
          {t('app.cancel')}
        </button>
        <span className="hint">{t('intake.saveHint')}</span>
      </div>
    </form>
  );
}
