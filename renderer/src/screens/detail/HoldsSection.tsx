import { useId, useRef, useState } from 'react';
import type { HoldView, PersonView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { HOLD_KINDS, type HoldKind } from '../../../../src/domain/stages';
import { api } from '../../api/transport';
import { Field } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { ReasonDialog } from './ReasonDialog';
import { useDialogState } from './useDialogState';

type Changed = (view: PersonView, message: string) => void;
type Open = { action: 'add' } | { action: 'lift'; kind: HoldKind };

/** Open holds block transfer; each is lifted with a reason. Lifted ones stay visible for the record. */
export function HoldsSection({ person, onChanged }: { person: PersonView; onChanged: Changed }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useDialogState<Open>(heading);
  const open = person.holds.filter((h) => !h.liftedAt);
  const lifted = person.holds.filter((h) => h.liftedAt);

  const run = async (call: 'hold.add' | 'hold.lift', kind: HoldKind, reason: string) => {
    const result = await api(call, { ref: person.id, kind, reason });
    if (!result.ok) return result.error;
    dialog.close();
    onChanged(result.value, t(call === 'hold.add' ? 'detail.holdAdded' : 'detail.holdLiftedDone', { kind: t(`hold.${kind}`) }));
    return null;
  };

  return (
    <section className="panel" aria-labelledby="detail-holds-heading">
      <div className="detail-section-head">
        <h2 id="detail-holds-heading" ref={heading} tabIndex={-1}>
          {t('detail.holds')}
        </h2>
        <button type="button" className="btn small" onClick={() => dialog.open({ action: 'add' })}>
          {t('detail.addHold')}
        </button>
      </div>
      {open.length === 0 ? (
        <p className="hint">{t('detail.noHolds')}</p>
      ) : (
        <ul className="detail-list">
          {open.map((hold) => (
            <li key={hold.id} className="detail-hold">
              <div className="detail-hold-body">
                <span className="chip hold">{t(`hold.${hold.kind}`)}</span> <span className="pre-wrap">{hold.reason}</span>
                <HoldMeta hold={hold} />
              </div>
              <button type="button" className="btn small" onClick={() => dialog.open({ action: 'lift', kind: hold.kind })}>
                {t('detail.liftHoldKind', { kind: t(`hold.${hold.kind}`) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {lifted.length > 0 && (
        <>
          <h3 className="detail-subhead">{t('detail.liftedHolds')}</h3>
          <ul className="detail-list muted">
            {lifted.map((hold) => (
              <li key={hold.id}>
                <span className="chip">{t(`hold.${hold.kind}`)}</span> <span className="pre-wrap">{hold.reason}</span>
                <HoldMeta hold={hold} />
              </li>
            ))}
          </ul>
        </>
      )}
      {dialog.value?.action === 'add' && (
        <AddHoldDialog taken={open.map((h) => h.kind)} onSubmit={(kind, reason) => run('hold.add', kind, reason)} onClose={dialog.close} />
      )}
      {dialog.value?.action === 'lift' && (
        <ReasonDialog
          title={t('detail.liftHoldTitle', { kind: t(`hold.${dialog.value.kind}`) })}
          submitLabel={t('detail.liftHold')}
          onSubmit={(reason) => run('hold.lift', (dialog.value as { kind: HoldKind }).kind, reason)}
          onClose={dialog.close}
        />
      )}
    </section>
  );
}

function HoldMeta({ hold }: { hold: HoldView }) {
  const { t, locale } = useI18n();
  return (
    <div className="hint">
      {t('detail.holdPlaced', { actor: hold.placedBy, date: formatDateTime(hold.placedAt, locale) })}
      {hold.liftedAt && (
        <>
          <br />
          {t('detail.holdLifted', { actor: hold.liftedBy ?? '—', date: formatDateTime(hold.liftedAt, locale), reason: hold.liftReason ?? '—' })}
        </>
      )}
    </div>
  );
}

function AddHoldDialog({ taken, onSubmit, onClose }: { taken: HoldKind[]; onSubmit: (kind: HoldKind, reason: string) => Promise<ErrorBody | null>; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<HoldKind>(() => HOLD_KINDS.find((k) => !taken.includes(k)) ?? HOLD_KINDS[0]);
  return (
    <ReasonDialog title={t('detail.addHold')} submitLabel={t('detail.addHold')} onSubmit={(reason) => onSubmit(kind, reason)} onClose={onClose}>
      <Field label={t('detail.holdKind')} htmlFor={`${id}-kind`}>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as HoldKind)}>
          {HOLD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`hold.${k}`)}
            </option>
          ))}
        </select>
      </Field>
    </ReasonDialog>
  );
}
