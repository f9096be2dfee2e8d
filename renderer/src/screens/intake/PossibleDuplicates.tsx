import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { DuplicateHitView } from '../../../../src/api/views';
import { personInputSchema } from '../../../../src/domain/person';
import { api } from '../../api/transport';
import { Reasons } from '../../components/Reasons';
import { latinName } from '../../format';
import { useI18n } from '../../i18n';
import { scorePercent } from '../../i18n/reasons';
import { toPersonInput, type IntakeValues } from './values';

/** Fields whose change may reveal (or rule out) a duplicate. */
const IDENTITY = /^(familyName|givenNames|nativeName|aliases|sex|ageMode|birthDate|estimatedAge|claimedNationality|phone|documents)/;
/** Wait for a pause in typing before asking the engine. */
const PAUSE = 400;

/**
 * While a person is being registered, the engine looks for people already
 * registered who look alike. It only warns: saving stays allowed, because
 * a coordinator may know better (and the pair goes to the review queue).
 */
export function PossibleDuplicates({ form, exclude }: { form: UseFormReturn<IntakeValues>; exclude?: string | undefined }) {
  const { t, locale } = useI18n();
  const [hits, setHits] = useState<DuplicateHitView[]>([]);
  const generation = useRef(0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const look = async () => {
      const gen = ++generation.current;
      const input = toPersonInput(form.getValues());
      const named = input.familyName || input.givenNames || input.nativeName || (input.aliases ?? []).length > 0;
      if (!named || !personInputSchema.safeParse(input).success) {
        setHits([]);
        return;
      }
      const result = await api('person.findDuplicates', { person: input, ...(exclude ? { exclude } : {}) });
      if (gen !== generation.current) return;
      // A failed look-up must not get in the way of registering: say nothing.
      setHits(result.ok ? result.value : []);
    };
    const sub = form.watch((_values, { name }) => {
      if (name && !IDENTITY.test(name)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void look(), PAUSE);
    });
    // An edit opens on a stored record: look once at the start.
    if (exclude) timer = setTimeout(() => void look(), PAUSE);
    return () => {
      sub.unsubscribe();
      if (timer) clearTimeout(timer);
      generation.current++;
    };
  }, [form, exclude]);

  return (
    <>
      <p className="sr-only" role="status" aria-live="polite">
        {hits.length > 0 ? t('intake.duplicates.count', { n: hits.length }) : ''}
      </p>
      {hits.length > 0 && (
        <aside className="alert warn intake-duplicates" aria-labelledby="intake-duplicates-title" data-testid="intake-duplicates">
          <h2 id="intake-duplicates-title">{t('intake.duplicates.title')}</h2>
          <p>{t('intake.duplicates.intro')}</p>
          <ul>
            {hits.map((h) => (
              <li key={h.personId}>
                <a href={`#/person/${encodeURIComponent(h.caseNumber)}`} className="mono">
                  {h.caseNumber}
                </a>{' '}
                <span>{[latinName(h.person), h.person.nativeName].filter(Boolean).join(' · ')}</span>{' '}
                <span className="chip">{t('intake.duplicates.score', { score: scorePercent(h.score).toLocaleString(locale) })}</span>
                <Reasons reasons={h.reasons} />
              </li>
            ))}
          </ul>
        </aside>
      )}
    </>
  );
}
