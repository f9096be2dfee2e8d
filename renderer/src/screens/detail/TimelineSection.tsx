import { useMemo } from 'react';
import type { TimelineEntry } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { Loading } from '../../components/ui';
import { countryLabel, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { routeHash } from '../../router';
import { changeRows } from './changes';
import { EngineError } from './EngineError';

/** Every change and transition of the case, newest first, from the audit chain. */
export function TimelineSection({ entries, error, onRetry }: { entries: TimelineEntry[] | null; error: ErrorBody | null; onRetry: () => void }) {
  const { t } = useI18n();
  const newestFirst = useMemo(() => (entries ? [...entries].reverse() : null), [entries]);
  return (
    <section className="panel" aria-labelledby="detail-timeline-heading">
      <h2 id="detail-timeline-heading">{t('detail.timeline')}</h2>
      {error ? (
        <>
          <EngineError error={error} />
          <button type="button" className="btn small" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </>
      ) : !newestFirst ? (
        <Loading />
      ) : newestFirst.length === 0 ? (
        <p className="hint">{t('detail.noTimeline')}</p>
      ) : (
        <ol className="timeline detail-timeline">
          {newestFirst.map((entry, i) => (
            <Entry key={`${entry.at}-${entry.entityId}-${entry.action}-${i}`} entry={entry} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Entry({ entry }: { entry: TimelineEntry }) {
  const { t, tDynamic, locale } = useI18n();
  return (
    <li>
      <div className="detail-entry-head">
        <strong>{tDynamic(`action.${entry.action}`, undefined, entry.action)}</strong>{' '}
        <span className="hint">
          <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time> · {t('detail.timelineBy', { actor: entry.actor })}
          {entry.mergedRecord && (
            <>
              {' · '}
              {t('detail.timelineMergedRecord')}{' '}
              <a className="mono" href={routeHash({ name: 'person', ref: entry.mergedRecord })}>
                {entry.mergedRecord}
              </a>
            </>
          )}
        </span>
      </div>
      <EntryDetail entry={entry} />
      {entry.reason && <p className="detail-entry-reason pre-wrap">{entry.reason}</p>}
    </li>
  );
}

/** What changed, for the actions whose before/after the engine records. */
function EntryDetail({ entry }: { entry: TimelineEntry }) {
  const { t, tDynamic, locale } = useI18n();
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');

  if (entry.action === 'person.updated') {
    const rows = changeRows(tDynamic, locale, entry.before, entry.after);
    return (
      <ul className="detail-changes">
        {rows.map((r) => (
          <li key={r.field}>{t('detail.change', { field: r.field, before: r.before, after: r.after })}</li>
        ))}
      </ul>
    );
  }
  if (entry.action === 'person.stage_changed') {
    const from = text(before.stage);
    const to = text(after.stage);
    return <p>{t('detail.stageChange', { from: tDynamic(`stage.${from}`, undefined, from), to: tDynamic(`stage.${to}`, undefined, to) })}</p>;
  }
  if (entry.action === 'person.registered' && after.caseNumber) {
    return <p className="mono">{text(after.caseNumber)}</p>;
  }
  if (entry.action.startsWith('hold.') && after.kind) {
    const kind = text(after.kind);
    return <p>{tDynamic(`hold.${kind}`, undefined, kind)}</p>;
  }
  if (entry.action === 'verification.submitted' && after.list) {
    const code = text(after.list);
    return (
      <p>
        {text(after.authority)} · {countryLabel(text(after.country) || null, locale)} ·{' '}
        <a className="mono" href={`#/verification/${encodeURIComponent(code)}`}>
          {code}
        </a>
      </p>
    );
  }
  if (entry.action.startsWith('verification.') && after.authority) {
    return (
      <p>
        {text(after.authority)} · {countryLabel(text(after.country) || null, locale)}
        {after.otherNationality ? ` → ${countryLabel(text(after.otherNationality), locale)}` : ''}
        {after.reference ? <span className="mono"> · {text(after.reference)}</span> : null}
      </p>
    );
  }
  if (entry.action === 'attachment.added') {
    const kind = text(after.kind);
    return (
      <p>
        {tDynamic(`attachment.${kind}`, undefined, kind)}
        {after.filename ? ` · ${text(after.filename)}` : ''}
      </p>
    );
  }
  if (entry.action.startsWith('batch.member_') && after.batch) {
    const code = text(after.batch);
    return (
      <p>
        {t('journey.onBatch')}{' '}
        <a className="mono" href={`#/batches/${encodeURIComponent(code)}`}>
          {code}
        </a>
      </p>
    );
  }
  if (entry.action === 'note.added' && after.body) {
    return <p className="detail-entry-note pre-wrap">{text(after.body)}</p>;
  }
  return null;
}
