import { Country } from '../../components/Country';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useHeadingFocus } from '../journey/screen';
import { HandoverAckChip, ScreenHead, useLoad } from '../journey/shared';
import { JourneyTable, LoadedList } from '../journey/tables';
import '../journey/journey.css';

/** Handovers made, newest first, with whether the receiver has acknowledged each. */
export function HandoversScreen() {
  const { t, locale } = useI18n();
  const handovers = useLoad('handover.list', {});
  const arrived = useLoad('batch.list', { status: 'arrived' });
  const heading = useHeadingFocus();

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
      <LoadedList items={handovers.value} error={handovers.error} empty={<p className="panel empty">{t('handover.none')}</p>}>
        {(list) => (
          <JourneyTable
            testId="handovers"
            wrapClassName="panel j-flush"
            className="j-rows"
            head={
              <>
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
              </>
            }
          >
            {list.map((h) => (
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
                <td>
                  <HandoverAckChip acknowledged={h.acknowledged} />
                </td>
              </tr>
            ))}
          </JourneyTable>
        )}
      </LoadedList>
    </div>
  );
}
