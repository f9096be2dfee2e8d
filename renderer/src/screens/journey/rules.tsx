import type { RuleViolation } from '../../../../src/domain/stages';
import { useI18n } from '../../i18n';
import { violationText } from '../../i18n/messages';
import { CaseText, shortViolation } from './shared';

/** The domain's reasons, one a line; `short` cuts a long "missing" list to its first few. */
export function Violations({ violations, id, short = false }: { violations: readonly RuleViolation[]; id?: string; short?: boolean }) {
  const { t, tDynamic } = useI18n();
  return (
    <ul className="j-violations" id={id}>
      {violations.map((v, i) => {
        const { violation, more } = short ? shortViolation(v) : { violation: v, more: 0 };
        return (
          <li key={i}>
            <CaseText text={violationText(tDynamic, violation)} />
            {more > 0 && <> {t('journey.andMore', { n: more })}</>}
          </li>
        );
      })}
    </ul>
  );
}

/** The people the engine refused, each with its reasons in one sentence. */
export function Refusals({ refused }: { refused: readonly { key: string; caseNumber: string; violations: readonly RuleViolation[] }[] }) {
  const { tDynamic } = useI18n();
  return (
    <ul className="j-refusals">
      {refused.map((r) => (
        <li key={r.key}>
          <span className="mono">{r.caseNumber}</span>: <CaseText text={r.violations.map((v) => violationText(tDynamic, v)).join(' ')} />
        </li>
      ))}
    </ul>
  );
}
