import { ACTIVE_STAGES, type Stage } from '../../../../src/domain/stages';
import { useI18n } from '../../i18n';

export function isActiveStage(stage: Stage): boolean {
  return (ACTIVE_STAGES as readonly Stage[]).includes(stage);
}

/** The stage as a chip; exit stages get their own look and always carry their name. */
export function StageChip({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  return <span className={`chip stage-${stage}${isActiveStage(stage) ? '' : ' exit'}`}>{t(`stage.${stage}`)}</span>;
}

/** Plain text for a value that may be missing. */
export function orDash(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : value;
}

/** Whether a key press is going into a text control and must not trigger a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file'].includes(target.type);
  return false;
}
