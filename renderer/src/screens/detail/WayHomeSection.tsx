import type { PersonView } from '../../../../src/api/views';
import { Country } from '../../components/Country';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { HandoverAckChip } from '../journey/shared';
import '../journey/journey.css';

/**
 * The transfer batches the person was put on (newest first, with their own
 * check-off mark on each) and the handover that took them home, each linked,
 * so a coordinator goes from the person to the batch or handover in one step.
 * Nothing is shown before the person is put on a batch.
 */
export function WayHomeSection({ person }: { person: PersonView }) {
  const { t, tDynamic, locale } = useI18n();
  const { transfers, handover } = person;
  if (transfers.length === 0 && !handover) return null;
  return (
    <section className="panel" aria-labelledby="detail-wayhome-heading" data-testid="way-home">
      <h2 id="detail-wayhome-heading">{t('wayHome.title')}</h2>
      {transfers.length > 0 && (
        <>
          <h3 className="detail-subhead">{t('batch.listTitle')}</h3>
          <div className="detail-table-wrap">
            <table className="detail-table" data-testid="way-home-batches">
              <thead>
                <tr>
                  <th scope="col">{t('batch.code')}</th>
                  <th scope="col">{t('batch.date')}</th>
                  <th scope="col">{t('wayHome.batchStatus')}</th>
                  <th scope="col">{t('batch.memberStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {transfers.map((b) => (
                  <tr key={b.batchId}>
                    <td>
                      <a className="mono j-nowrap" href={`#/batches/${encodeURIComponent(b.batchCode)}`}>
                        {b.batchCode}
                      </a>
                    </td>
                    <td>{formatDate(b.plannedDate, locale)}</td>
                    <td>
                      <span className={`chip j-batch-${b.batchStatus}`}>{tDynamic(`batchStatus.${b.batchStatus}`, undefined, b.batchStatus)}</span>
                    </td>
                    <td>
                      <span className={`chip j-member-${b.memberStatus}`}>{tDynamic(`memberStatus.${b.memberStatus}`, undefined, b.memberStatus)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {handover && (
        <>
          <h3 className="detail-subhead">{t('handover.title')}</h3>
          <p className="detail-wayhome-handover" data-testid="way-home-handover">
            <a className="mono j-nowrap" href={`#/handovers/${encodeURIComponent(handover.code)}`}>
              {handover.code}
            </a>{' '}
            <HandoverAckChip acknowledged={handover.acknowledged} />
          </p>
          <p className="hint detail-wayhome-meta">
            <Country code={handover.receivingCountry} /> · {handover.agency} · {formatDateTime(handover.handedAt, locale)}
          </p>
        </>
      )}
    </section>
  );
}
