import { useMemo, useRef } from 'react';
import type { PersonView, VerificationView } from '../../../../src/api/views';
import { countryLabel, formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { orDash } from './labels';
import { VerificationDialog } from './VerificationDialog';
import { useDialogState } from './useDialogState';

type Changed = (view: PersonView, message: string) => void;

/** Authorities' answers on nationality, newest first, and the form to record one. */
export function VerificationSection({ person, onChanged }: { person: PersonView; onChanged: Changed }) {
  const { t, locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useDialogState<true>(heading);
  const answers = useMemo(() => [...person.verifications].reverse(), [person.verifications]);

  return (
    <section className="panel" aria-labelledby="detail-verification-heading">
      <div className="detail-section-head">
        <h2 id="detail-verification-heading" ref={heading} tabIndex={-1}>
          {t('detail.verification')}
        </h2>
        <button type="button" className="btn small" onClick={() => dialog.open(true)}>
          {t('detail.recordVerification')}
        </button>
      </div>
      <dl className="facts detail-nationality">
        <dt>{t('field.claimedNationality')}</dt>
        <dd>{countryLabel(person.claimedNationality, locale)}</dd>
        <dt>{t('field.confirmedNationality')}</dt>
        <dd>{person.confirmedNationality ? countryLabel(person.confirmedNationality, locale) : t('detail.notConfirmed')}</dd>
      </dl>
      {answers.length === 0 ? (
        <p className="hint">{t('detail.noVerifications')}</p>
      ) : (
        <div className="detail-table-wrap">
          <table className="detail-table">
            <thead>
              <tr>
                <th scope="col">{t('detail.verification.date')}</th>
                <th scope="col">{t('detail.verification.authorityShort')}</th>
                <th scope="col">{t('detail.verification.countryShort')}</th>
                <th scope="col">{t('detail.verification.method')}</th>
                <th scope="col">{t('detail.verification.outcome')}</th>
                <th scope="col">{t('detail.verification.reference')}</th>
              </tr>
            </thead>
            <tbody>
              {answers.map((v) => (
                <AnswerRow key={v.id} answer={v} person={person} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog.value && (
        <VerificationDialog
          person={person}
          onClose={dialog.close}
          onRecorded={(view, outcome) => {
            dialog.close();
            onChanged(view, t('detail.verification.recorded', { outcome: t(`outcome.${outcome}`) }));
          }}
        />
      )}
    </section>
  );
}

function AnswerRow({ answer: v, person }: { answer: VerificationView; person: PersonView }) {
  const { t, locale } = useI18n();
  return (
    <tr>
      <td>
        {formatDate(v.decidedAt, locale)}
        {v.decidedBy && <div className="hint">{t('detail.verification.decidedBy', { actor: v.decidedBy })}</div>}
      </td>
      <td>
        {v.authority}
        {v.note && <div className="hint pre-wrap">{v.note}</div>}
      </td>
      <td>{countryLabel(v.country, locale)}</td>
      <td>{t(`method.${v.method}`)}</td>
      <td>
        <span className={`chip outcome-${v.outcome}`}>{t(`outcome.${v.outcome}`)}</span>
      </td>
      <td>
        <span className="mono">{orDash(v.reference)}</span>
        {v.submissionBatch && (
          <div className="hint">
            {t('journey.onList')}{' '}
            <a className="mono" href={`#/verification/${encodeURIComponent(v.submissionBatch)}`}>
              {v.submissionBatch}
            </a>
          </div>
        )}
        {v.evidence.length > 0 && (
          <div className="hint">
            {t('journey.evidence')}{' '}
            {v.evidence.map((id) => person.attachments.find((a) => a.id === id)?.filename ?? t('detail.unnamedFile')).join(', ')}
          </div>
        )}
      </td>
    </tr>
  );
}
