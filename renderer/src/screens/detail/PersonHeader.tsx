import type { Ref } from 'react';
import type { PersonView } from '../../../../src/api/views';
import { Country } from '../../components/Country';
import { latinName } from '../../format';
import { useI18n } from '../../i18n';
import { StageChip } from './labels';

/** Who this is, at a glance: names in both scripts, case number, stage, nationality, age, sex, open holds. */
/** `onEdit` is left out for a record that cannot be edited (one merged into another). */
export function PersonHeader({ person: p, onEdit, headingRef }: { person: PersonView; onEdit?: (() => void) | undefined; headingRef: Ref<HTMLHeadingElement> }) {
  const { t, locale } = useI18n();
  const latin = latinName(p);
  const openHolds = p.holds.filter((h) => !h.liftedAt);
  const age =
    p.age === null ? '—' : !p.birthDate && p.estimatedAge !== null ? t('detail.ageEstimated', { age: p.age }) : t('detail.age', { age: p.age });
  return (
    <header className="detail-head panel">
      <div className="names">
        <h1 ref={headingRef} tabIndex={-1}>
          {p.nativeName && <span className="native">{p.nativeName}</span>}
          {latin && <span className={p.nativeName ? 'latin' : 'native'}>{latin}</span>}
          {!p.nativeName && !latin && <span className="native">{p.aliases[0] ?? p.caseNumber}</span>}
        </h1>
        <dl className="detail-summary">
          <div>
            <dt>{t('detail.caseNumber')}</dt>
            <dd className="mono">{p.caseNumber}</dd>
          </div>
          <div>
            <dt>{t('detail.stageLabel')}</dt>
            <dd>
              <StageChip stage={p.stage} />
            </dd>
          </div>
          <div>
            <dt>{t('field.claimedNationality')}</dt>
            <dd>
              <Country code={p.claimedNationality} />
            </dd>
          </div>
          <div>
            <dt>{t('field.confirmedNationality')}</dt>
            <dd>{p.confirmedNationality ? <Country code={p.confirmedNationality} /> : t('detail.notConfirmed')}</dd>
          </div>
          <div>
            <dt>{t('detail.ageLabel')}</dt>
            <dd>{age}</dd>
          </div>
          <div>
            <dt>{t('field.sex')}</dt>
            <dd>{t(`sex.${p.sex}`)}</dd>
          </div>
          {openHolds.length > 0 && (
            <div>
              <dt>{t('detail.openHolds')}</dt>
              <dd className="detail-hold-chips">
                {openHolds.map((h) => (
                  <span key={h.id} className="chip hold">
                    {t(`hold.${h.kind}`)}
                  </span>
                ))}
              </dd>
            </div>
          )}
        </dl>
      </div>
      {onEdit && (
        <button type="button" className="btn" onClick={onEdit} title={t('detail.editTitle')} aria-keyshortcuts="E">
          {t('detail.edit')}
        </button>
      )}
    </header>
  );
}
