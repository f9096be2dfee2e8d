import type { PersonView } from '../../../../src/api/views';
import { Country } from '../../components/Country';
import { formatDate, formatDateTime, languageLabel } from '../../format';
import { useI18n } from '../../i18n';
import { orDash } from './labels';

/** What is known about the person: identity, documents, rescue, indicators. */
export function FactsSection({ person: p }: { person: PersonView }) {
  const { t, locale } = useI18n();
  return (
    <section className="panel" aria-labelledby="detail-facts-heading">
      <h2 id="detail-facts-heading">{t('detail.personal')}</h2>
      <dl className="facts">
        <dt>{t('field.aliases')}</dt>
        <dd>{p.aliases.length ? p.aliases.join(', ') : '—'}</dd>
        {p.birthDate || p.estimatedAge === null ? (
          <>
            <dt>{t('field.birthDate')}</dt>
            <dd>{formatDate(p.birthDate, locale)}</dd>
          </>
        ) : (
          <>
            <dt>{t('field.estimatedAge')}</dt>
            <dd>
              {p.ageEstimatedOn
                ? t('detail.ageEstimatedOn', { age: p.estimatedAge, date: formatDate(p.ageEstimatedOn, locale) })
                : t('detail.ageEstimated', { age: p.estimatedAge })}
            </dd>
          </>
        )}
        <dt>{t('field.languages')}</dt>
        <dd>{p.languages.length ? p.languages.map((l) => languageLabel(l, locale)).join(', ') : '—'}</dd>
        <dt>{t('field.phone')}</dt>
        <dd>
          <span dir="ltr">{orDash(p.phone)}</span>
        </dd>
        <dt>{t('field.consent')}</dt>
        <dd>
          {t(p.consent ? `consent.${p.consent.status}` : 'consent.none')}
          {p.consent?.reason && <div className="pre-wrap">{p.consent.reason}</div>}
        </dd>
      </dl>

      <h3 className="detail-subhead">{t('detail.documents')}</h3>
      {p.documents.length === 0 ? (
        <p className="hint">{t('detail.noDocuments')}</p>
      ) : (
        <div className="detail-table-wrap">
          <table className="detail-table">
            <thead>
              <tr>
                <th scope="col">{t('field.type')}</th>
                <th scope="col">{t('field.number')}</th>
                <th scope="col">{t('field.issuingCountry')}</th>
                <th scope="col">{t('field.expiry')}</th>
                <th scope="col">{t('field.holder')}</th>
              </tr>
            </thead>
            <tbody>
              {p.documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    {t(`doctype.${d.type}`)}
                    {d.note && <div className="hint pre-wrap">{d.note}</div>}
                  </td>
                  <td className="mono">{orDash(d.number)}</td>
                  <td>
                    <Country code={d.issuingCountry} />
                  </td>
                  <td>{formatDate(d.expiry, locale)}</td>
                  <td>{t(`holder.${d.holder}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 className="detail-subhead">{t('detail.rescue')}</h3>
      <dl className="facts">
        <dt>{t('field.rescueDate')}</dt>
        <dd>{formatDate(p.rescueDate, locale)}</dd>
        <dt>{t('field.rescueSite')}</dt>
        <dd>{orDash(p.rescueSite)}</dd>
        <dt>{t('field.rescueOperation')}</dt>
        <dd>{orDash(p.rescueOperation)}</dd>
        <dt>{t('field.rescueGroup')}</dt>
        <dd>{orDash(p.rescueGroup)}</dd>
      </dl>

      <h3 className="detail-subhead">{t('detail.indicators')}</h3>
      <dl className="facts">
        <dt>{t('field.indicators')}</dt>
        <dd>
          <Chips codes={p.indicators} prefix="indicator" />
        </dd>
        <dt>{t('field.vulnerabilities')}</dt>
        <dd>
          <Chips codes={p.vulnerabilities} prefix="vulnerability" />
        </dd>
      </dl>

      <p className="hint detail-registered">{t('detail.registeredBy', { actor: p.createdBy, date: formatDateTime(p.createdAt, locale) })}</p>
    </section>
  );
}

function Chips({ codes, prefix }: { codes: string[]; prefix: 'indicator' | 'vulnerability' }) {
  const { t, tDynamic } = useI18n();
  if (codes.length === 0) return <>{t('detail.noIndicators')}</>;
  return (
    <ul className="tags detail-chips">
      {codes.map((c) => (
        <li key={c} className="chip">
          {tDynamic(`${prefix}.${c}`, undefined, c)}
        </li>
      ))}
    </ul>
  );
}
