import { useI18n } from '../../i18n';

/** How many conflicting changes wait for a decision: a link to the review (`link`), or the count on the review itself; calm when none. */
export function ConflictCount({ n, link = true }: { n: number; link?: boolean }) {
  const { t, locale } = useI18n();
  if (n === 0) return <span className="chip j-done">{t('sync.noConflicts')}</span>;
  const count = new Intl.NumberFormat(locale).format(n);
  if (!link) {
    return (
      <span className="chip count sync-count-chip" data-testid="open-conflicts" data-count={n}>
        {t('sync.openConflicts', { n: count })}
      </span>
    );
  }
  return (
    <a className="btn sync-conflicts-link" href="#/sync/conflicts" data-testid="open-conflicts" data-count={n}>
      <span className="chip count">{count}</span> {t('sync.openConflictsLink', { n: count })}
    </a>
  );
}
