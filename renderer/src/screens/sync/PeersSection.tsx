import { useRef } from 'react';
import type { PeerView } from '../../../../src/api/sync-views';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { ReasonDialog } from '../detail/ReasonDialog';
import { useDialogState } from '../detail/useDialogState';
import { Fingerprint } from '../journey/shared';
import { JourneyTable } from '../journey/tables';
import { AddPeerDialog } from './AddPeerDialog';

/** The offices this one syncs with: trust, both key fingerprints, the last bundle each way. */
export function PeersSection({ peers, onChanged, announce }: { peers: PeerView[]; onChanged: () => void; announce: (text: string) => void }) {
  const { t, locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const remove = useDialogState<PeerView>(heading);
  const adding = useDialogState<true>(heading);
  const last = (b: PeerView['lastIn']) => (b ? formatDateTime(b.at, locale) : <span className="hint">{t('peer.never')}</span>);

  return (
    <section className="panel" aria-labelledby="peers-title">
      <div className="sync-section-head">
        <h2 id="peers-title" ref={heading} tabIndex={-1}>
          {t('peer.title')}
        </h2>
        <button type="button" className="btn" onClick={() => adding.open(true)} data-testid="add-peer">
          {t('peer.add')}
        </button>
      </div>
      {peers.length === 0 ? (
        <p className="hint">{t('peer.none')}</p>
      ) : (
        <JourneyTable
          testId="peers"
          head={
            <>
              <th scope="col">{t('peer.office')}</th>
              <th scope="col">{t('peer.state')}</th>
              <th scope="col">{t('peer.fingerprints')}</th>
              <th scope="col">{t('peer.lastIn')}</th>
              <th scope="col">{t('peer.lastOut')}</th>
              <th scope="col">
                <span className="sr-only">{t('journey.actions')}</span>
              </th>
            </>
          }
        >
          {peers.map((p) => (
            <tr key={p.office} data-office={p.office} className={p.trusted ? undefined : 'j-disabled'}>
              <td>
                <strong className="mono">{p.office}</strong> {p.name}
                {p.country && (
                  <div className="hint">
                    <Country code={p.country} />
                  </div>
                )}
              </td>
              <td>{p.trusted ? <span className="chip j-done">{t('peer.trusted')}</span> : <span className="chip j-member-removed">{t('peer.removed')}</span>}</td>
              <td>
                <dl className="sync-fps">
                  <dt>{t('peer.ageFp')}</dt>
                  <dd>{p.ageFingerprint ? <Fingerprint value={p.ageFingerprint} label={t('peer.ageFp')} /> : '—'}</dd>
                  <dt>{t('peer.signingFp')}</dt>
                  <dd>{p.signingFingerprint ? <Fingerprint value={p.signingFingerprint} label={t('peer.signingFp')} /> : '—'}</dd>
                </dl>
              </td>
              <td>{last(p.lastIn)}</td>
              <td>{last(p.lastOut)}</td>
              <td>
                {p.trusted && (
                  <button type="button" className="btn small danger" onClick={() => remove.open(p)}>
                    {t('peer.remove')}
                    <span className="sr-only"> {p.office}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </JourneyTable>
      )}
      {remove.value && (
        <ReasonDialog
          title={t('peer.removeTitle', { office: remove.value.office })}
          submitLabel={t('peer.remove')}
          onClose={remove.close}
          onSubmit={async (reason) => {
            const p = remove.value!;
            const result = await api('peer.remove', { office: p.office, reason });
            if (!result.ok) return result.error;
            remove.close();
            announce(t('peer.removedNote', { office: p.office }));
            onChanged();
            return null;
          }}
        >
          <p>{t('peer.removeBody', { name: remove.value.name })}</p>
        </ReasonDialog>
      )}
      {adding.value && (
        <AddPeerDialog
          peers={peers}
          onClose={adding.close}
          onAdded={(p) => {
            adding.close();
            announce(t('peer.added', { office: p.office, name: p.name }));
            onChanged();
          }}
        />
      )}
    </section>
  );
}
