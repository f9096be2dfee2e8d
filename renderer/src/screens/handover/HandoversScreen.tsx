import { useEffect, useRef } from 'react';
import { Country } from '../../components/Country';
import { Loading } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { ScreenHead, useLoad } from '../journey/shared';
import '../journey/journey.css';

/** Handovers made, newest first, with whether the receiver has acknowledged each. */
export function HandoversScreen() {
  const { t, locale } = useI18n();
  const handovers = useLoad('handover.list', {});
  const arrived = useLoad('batch.list', { status: 'arrived' });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="journey">
      <ScreenHead title={t('handover.listTitle')} sub={t('handover.listIntro')} headingRef={heading}>
        <a className="btn primary" href="#/handovers/new">
          {t('handover.new')}
        </a>
        <a className="btn" href="#/handovers/check">
          {t('check.title')}
        </a>
      </ScreenHead>
      {arrived.value && arrived.value.length > 0 && (
        <section className="panel" aria-labelledby="arrived-title">
          <h2 id="arrived-title">{t('handover.arrivedBatches')}</h2>
          <ul className="j-plain">
            {arrived.value.map((b) => (
              <li key={b.id}>
                <a className="mono" href={`#/batches/${encodeURIComponent(b.code)}`}>
                  {b.code}
                </a>{' '}
                · {b.toSite} · {t('batch.peopleN', { n: b.counts.arrived })}{' '}
                <a className="btn small" href={`#/handovers/new?batch=${encodeURIComponent(b.code)}`}>
                  {t('batch.handOver')}
                  <span className="sr-only"> {b.code}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <EngineError error={handovers.error} />
      {handovers.value === null ? (
        !handovers.error && <Loading />
      ) : handovers.value.length === 0 ? (
        <p className="panel empty">{t('handover.none')}</p>
      ) : (
        <div className="j-table-wrap panel j-flush">
          <table className="j-table j-rows" data-testid="handovers">
            <thead>
              <tr>
                <th scope="col">{t('handover.code')}</th>
                <th scope="col">{t('handover.country')}</th>
                <th scope="col">{t('handover.agency')}</th>
                <th scope="col">{t('handover.official')}</th>
                <th scope="col">{t('handover.when')}</th>
                <th scope="col" className="num">
                  {t('batch.people')}
                </th>
                <th scope="col">{t('handover.batch')}</th>
                <th scope="col">{t('handover.receipt')}</th>
              </tr>
            </thead>
            <tbody>
              {handovers.value.map((h) => (
                <tr key={h.id}>
                  <td className="mono">
                    <a href={`#/handovers/${encodeURIComponent(h.code)}`}>{h.code}</a>
                  </td>
                  <td>
                    <Country code={h.receivingCountry} />
                  </td>
                  <td>{h.agency}</td>
                  <td>{h.officialName}</td>
                  <td>{formatDateTime(h.handedAt, locale)}</td>
                  <td className="num">{h.people}</td>
                  <td className="mono">{h.batchCode ?? '—'}</td>
                  <td>{h.acknowledged ? <span className="chip j-done">{t('handover.acknowledged')}</span> : <span className="chip count">{t('handover.awaitingAck')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
