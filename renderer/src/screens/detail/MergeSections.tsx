import { useRef } from 'react';
import type { MergedRecordView, PersonView } from '../../../../src/api/views';
import { api } from '../../api/transport';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { ReasonDialog } from './ReasonDialog';
import { useDialogState } from './useDialogState';

type Changed = (view: PersonView, message: string) => void;

const personHref = (caseNumber: string) => `#/person/${encodeURIComponent(caseNumber)}`;

/** Above everything on a record that was merged away: where the person's case continues. */
export function MergedIntoBanner({ person }: { person: PersonView }) {
  const { t } = useI18n();
  if (!person.mergedInto) return null;
  return (
    <div className="alert warn detail-merged-into" data-testid="merged-into">
      <p>{t('detail.mergedInto', { caseNumber: person.mergedInto.caseNumber })}</p>
      <a className="btn small" href={personHref(person.mergedInto.caseNumber)}>
        {t('detail.mergedIntoOpen', { caseNumber: person.mergedInto.caseNumber })}
      </a>
    </div>
  );
}

/** Likely duplicates of this person still wait for a decision: a way straight to them. */
export function OpenDuplicatesNotice({ person }: { person: PersonView }) {
  const { t, locale } = useI18n();
  if (person.openDuplicates <= 0 || person.mergedInto) return null;
  return (
    <p className="alert warn detail-open-duplicates">
      {t('detail.openDuplicates', { n: person.openDuplicates.toLocaleString(locale) })}{' '}
      <a href={`#/duplicates?ref=${encodeURIComponent(person.caseNumber)}`}>{t('detail.openDuplicatesLink')}</a>
    </p>
  );
}

/** snake_case column → the catalog's camelCase field name (family_name → familyName). */
const fieldOf = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Records merged into this one, each with its undo. */
export function MergedRecordsSection({ person, onChanged }: { person: PersonView; onChanged: Changed }) {
  const { t, tDynamic, locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useDialogState<MergedRecordView>(heading);
  // A record merged away must not list its own merge (the engine's list starts from the record itself).
  const merged = person.mergedFrom.filter((m) => m.id !== person.id);
  if (merged.length === 0) return null;

  const undo = async (record: MergedRecordView, reason: string) => {
    const result = await api('merge.undo', { mergeId: record.mergeId, reason });
    if (!result.ok) return result.error;
    dialog.close();
    const kept = result.value.keptSinceMerge.map((c) => tDynamic(`field.${fieldOf(c)}`, undefined, c));
    const message = [t('detail.undone', { caseNumber: record.caseNumber }), kept.length ? t('detail.keptSinceMerge', { fields: kept.join(', ') }) : '']
      .filter(Boolean)
      .join(' ');
    onChanged(result.value.survivor, message);
    return null;
  };

  return (
    <section className="panel" aria-labelledby="detail-merged-heading">
      <h2 id="detail-merged-heading" ref={heading} tabIndex={-1}>
        {t('detail.mergedFrom')}
      </h2>
      <ul className="detail-list">
        {merged.map((m) => (
          <li key={m.mergeId} className="detail-merged">
            <div>
              <a href={personHref(m.caseNumber)} className="mono">
                {m.caseNumber}
              </a>{' '}
              <span className="hint">{t('detail.mergedFromMeta', { actor: m.mergedBy, date: formatDateTime(m.mergedAt, locale) })}</span>
            </div>
            <button type="button" className="btn small" onClick={() => dialog.open(m)}>
              {t('detail.undoMerge')}
              <span className="sr-only"> {m.caseNumber}</span>
            </button>
          </li>
        ))}
      </ul>
      {dialog.value && (
        <ReasonDialog
          title={t('detail.undoMergeOf', { caseNumber: dialog.value.caseNumber })}
          submitLabel={t('detail.undoMerge')}
          onSubmit={(reason) => undo(dialog.value!, reason)}
          onClose={dialog.close}
        >
          <p>{t('detail.undoMergeBody')}</p>
        </ReasonDialog>
      )}
    </section>
  );
}

/** The lists this person came from: file, row, mapping, who imported it and when. */
export function SourcesSection({ person }: { person: PersonView }) {
  const { t, locale } = useI18n();
  if (person.sources.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="detail-sources-heading">
      <h2 id="detail-sources-heading">{t('detail.sources')}</h2>
      <ul className="detail-list">
        {person.sources.map((s) => (
          <li key={`${s.batchId}/${s.row}`}>
            <span className="detail-filename">{s.fileName}</span>, {t('detail.sourceRow', { row: s.row.toLocaleString(locale) })}
            <div className="hint">
              {[s.mappingName ? t('detail.sourceMapping', { name: s.mappingName }) : null, t('detail.sourceBy', { actor: s.importedBy, date: formatDateTime(s.importedAt, locale) })]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
