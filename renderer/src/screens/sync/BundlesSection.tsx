import type { SyncStatusView } from '../../../../src/api/sync-views';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { JourneyTable } from '../journey/tables';

/** The last bundles this office imported or wrote, newest first. */
export function BundlesSection({ bundles }: { bundles: SyncStatusView['lastBundles'] }) {
  const { t, locale } = useI18n();
  const n = new Intl.NumberFormat(locale);
  return (
    <section className="panel" aria-labelledby="bundles-title">
      <h2 id="bundles-title">{t('bundles.title')}</h2>
      {bundles.length === 0 ? (
        <p className="hint">{t('bundles.none')}</p>
      ) : (
        <JourneyTable
          testId="bundles"
          head={
            <>
              <th scope="col">{t('bundles.direction')}</th>
              <th scope="col">{t('bundles.route')}</th>
              <th scope="col">{t('bundles.at')}</th>
              <th scope="col" className="num">
                {t('bundles.changes')}
              </th>
              <th scope="col">{t('bundles.file')}</th>
            </>
          }
        >
          {bundles.map((b) => (
            <tr key={`${b.direction}-${b.id}`}>
              <td>
                <span className={`chip sync-${b.direction}`}>{b.direction === 'in' ? t('bundles.in') : t('bundles.out')}</span>
              </td>
              <td className="mono">
                {b.from} → {b.to.join(', ')}
              </td>
              <td>{formatDateTime(b.at, locale)}</td>
              <td className="num">{n.format(b.changes)}</td>
              <td className="mono j-break hint">{b.fileName ?? '—'}</td>
            </tr>
          ))}
        </JourneyTable>
      )}
    </section>
  );
}
