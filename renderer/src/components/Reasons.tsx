import { useI18n } from '../i18n';
import { reasonText } from '../i18n/reasons';

/** Why two records look like one person, in the reader's language (the engine's English where no translation exists). */
export function Reasons({ reasons, className }: { reasons: readonly string[]; className?: string }) {
  const { t } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <ul className={`reasons${className ? ` ${className}` : ''}`}>
      {reasons.map((r, i) => {
        const { text, translated } = reasonText(t, r);
        return (
          <li key={i} lang={translated ? undefined : 'en'} className={/^(different|born \d+ years? apart|common|no language)|different birth dates$/.test(r) ? 'against' : undefined}>
            {text}
          </li>
        );
      })}
    </ul>
  );
}
