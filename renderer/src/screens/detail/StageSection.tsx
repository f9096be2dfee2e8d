import { useRef } from 'react';
import type { PersonView } from '../../../../src/api/views';
import { ACTIVE_STAGES, type Stage, type TransitionCheck } from '../../../../src/domain/stages';
import { api } from '../../api/transport';
import { useI18n } from '../../i18n';
import { violationText } from '../../i18n/messages';
import { isActiveStage, StageChip } from './labels';
import { ReasonDialog } from './ReasonDialog';
import { useDialogState } from './useDialogState';

type Changed = (view: PersonView, message: string) => void;

/** Where the case is on the path home, and what it may do next according to the stage rules. */
export function StageSection({ person, onChanged }: { person: PersonView; onChanged: Changed }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useDialogState<Stage>(heading);
  const main = person.nextSteps.filter((s) => isActiveStage(s.to));
  const exits = person.nextSteps.filter((s) => !isActiveStage(s.to));

  const advance = async (to: Stage, reason: string) => {
    const result = await api('person.advance', { ref: person.id, to, reason });
    if (!result.ok) return result.error;
    dialog.close();
    onChanged(result.value, t('detail.moved', { stage: t(`stage.${to}`) }));
    return null;
  };

  return (
    <section className="panel" aria-labelledby="detail-stage-heading">
      <h2 id="detail-stage-heading">{t('detail.stageBar')}</h2>
      <StageBar stage={person.stage} />
      <h3 id="detail-next-heading" ref={heading} tabIndex={-1}>
        {t('detail.nextSteps')}
      </h3>
      {person.nextSteps.length === 0 ? (
        <p className="hint">{t('detail.noNextSteps')}</p>
      ) : (
        <>
          <StepList steps={main} from={person.stage} onMove={dialog.open} />
          {exits.length > 0 && (
            <div className="detail-exits">
              <h4 className="detail-subhead">{t('detail.otherOutcomes')}</h4>
              <StepList steps={exits} from={person.stage} onMove={dialog.open} small />
            </div>
          )}
        </>
      )}
      {dialog.value && (
        <ReasonDialog
          title={t('detail.moveTitle', { stage: t(`stage.${dialog.value}`) })}
          submitLabel={t('detail.confirmMove')}
          onSubmit={(reason) => advance(dialog.value!, reason)}
          onClose={dialog.close}
        />
      )}
    </section>
  );
}

function StageBar({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  const active = isActiveStage(stage);
  const current = ACTIVE_STAGES.indexOf(stage as (typeof ACTIVE_STAGES)[number]);
  return (
    <>
      <ol className="stagebar detail-stagebar" aria-label={t('detail.stageBar')}>
        {ACTIVE_STAGES.map((s, i) => {
          const state = !active ? '' : i < current ? 'done' : i === current ? 'current' : '';
          return (
            <li key={s} className={`step ${state}`}>
              {state === 'done' && <span aria-hidden="true">✓ </span>}
              {state === 'current' && <span aria-hidden="true">● </span>}
              {t(`stage.${s}`)}
              {state !== '' && <span className="sr-only"> ({t(state === 'done' ? 'detail.stepDone' : 'detail.stepCurrent')})</span>}
            </li>
          );
        })}
      </ol>
      {!active && (
        <p className="detail-exit-note">
          {t('detail.exitStage')}{' '}
          <StageChip stage={stage} />
        </p>
      )}
    </>
  );
}

function StepList({ steps, from, onMove, small }: { steps: TransitionCheck[]; from: Stage; onMove: (to: Stage) => void; small?: boolean }) {
  const { t, tDynamic } = useI18n();
  if (steps.length === 0) return null;
  const backwards = (to: Stage) => isActiveStage(to) && isActiveStage(from) && ACTIVE_STAGES.indexOf(to as never) < ACTIVE_STAGES.indexOf(from as never);
  return (
    <ul className="next detail-steps">
      {steps.map((step) => {
        const stage = t(`stage.${step.to}`);
        if (step.allowed) {
          return (
            <li key={step.to}>
              <button type="button" className={`btn${small ? ' small' : backwards(step.to) ? '' : ' primary'}`} onClick={() => onMove(step.to)}>
                {backwards(step.to) ? t('detail.moveBack', { stage }) : t('detail.moveTo', { stage })}
              </button>
            </li>
          );
        }
        return (
          <li key={step.to} className="blocked">
            <strong>{stage}</strong> — {t('detail.blocked')}
            <ul className="detail-reasons">
              {step.violations.map((v) => (
                <li key={v.rule}>{violationText(tDynamic, v)}</li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
