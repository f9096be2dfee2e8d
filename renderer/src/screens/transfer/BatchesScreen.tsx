import { useState } from 'react';
import { BATCH_STATUSES, type BatchStatus } from '../../../../src/domain/transfer';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { useHeadingFocus } from '../journey/screen';
import { BatchStatusChip, ScreenHead, useLoad } from '../journey/shared';
import { JourneyTable, LoadedList } from '../journey/tables';
import '../journey/journey.css';

type Filter = BatchStatus | 'active' | 'all';
const FILTERS: Filter[] = ['active', ...BATCH_STATUSES, 'all'];

/** Transfer batches: what is on the road, what is planned, what has arrived. */
export function BatchesScreen() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>('active');
  const batches = useLoad('batch.list', filter === 'all' ? {} : { status: filter });
  const heading = useHeadingFocus();

  return (
    <div className="journey">
      <ScreenHead title={t('batch.listTitle')} sub={t('batch.listIntro')} headingRef={heading}>
        <a className="btn primary" href="#/batches/new">
          {t('batch.plan')}
        </a>
        <a className="btn" href="#/handovers">
          {t('app.handovers')}
        </a>
      </ScreenHead>
      <div className="stages" role="group" aria-label={t('batch.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {f === 'active' ? t('batch.filterActive') : f === 'all' ? t('batch.filterAll') : t(`batchStatus.${f}`)}
          </button>
        ))}
      </div>
      <LoadedList
        items={batches.value}
        error={batches.error}
        empty={
          <div className="panel empty">
            <p>{t('batch.none')}</p>
            <a className="btn primary" href="#/batches/new">
              {t('batch.plan')}
            </a>
          </div>
        }
      >
        {(list) => (
          <JourneyTable
            testId="batches"
            wrapClassName="panel j-flush"
            className="j-rows"
            head={
              <>
                <th scope="col">{t('batch.code')}</th>
                <th scope="col">{t('batch.status')}</th>
                <th scope="col">{t('batch.date')}</th>
                <th scope="col">{t('batch.route')}</th>
                <th scope="col">{t('batch.vehicle')}</th>
                {(['listed', 'boarded', 'arrived', 'missing'] as const).map((k) => (
                  <th key={k} scope="col" className="num">
                    {t(`memberStatus.${k}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('batch.people')}
                </th>
              </>
            }
          >
            {list.map((b) => (
              <tr key={b.id} onDoubleClick={() => navigate({ name: 'batch', ref: b.code })}>
                <td className="mono">
                  <a href={`#/batches/${encodeURIComponent(b.code)}`}>{b.code}</a>
                </td>
                <td>
                  <BatchStatusChip status={b.status} />
                </td>
                <td>{formatDate(b.plannedDate, locale)}</td>
                <td>
                  <Route from={b.fromSite} crossing={b.crossingPoint} to={b.toSite} />
                </td>
                <td>{b.vehicle ?? '—'}</td>
                <td className="num">{b.counts.listed}</td>
                <td className="num">{b.counts.boarded}</td>
                <td className="num">{b.counts.arrived}</td>
                <td className="num">{b.counts.missing > 0 ? <span className="chip j-member-missing">{b.counts.missing}</span> : 0}</td>
                <td className="num">
                  {b.counts.total} / {b.capacity}
                </td>
              </tr>
            ))}
          </JourneyTable>
        )}
      </LoadedList>
    </div>
  );
}

export function Route({ from, crossing, to }: { from: string; crossing: string; to: string }) {
  const { t } = useI18n();
  return (
    <span className="j-route">
      {from} <span aria-hidden="true">→</span>
      <span className="sr-only">{t('route.via')}</span> {crossing} <span aria-hidden="true">→</span>
      <span className="sr-only">{t('route.to')}</span> {to}
    </span>
  );
}
