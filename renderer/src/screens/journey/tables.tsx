import type { ReactNode } from 'react';
import type { MemberView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { Country } from '../../components/Country';
import { Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { PersonName, SexAge } from './shared';

/** A table of the journey screens: the scrolling wrapper, one header row, the body rows. */
export function JourneyTable({
  testId,
  head,
  caption,
  wrapClassName,
  className,
  children,
}: {
  testId?: string;
  head: ReactNode;
  caption?: ReactNode;
  /** classes added to the wrapper (j-scroll, panel j-flush) */
  wrapClassName?: string;
  /** classes added to the table (j-rows) */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={wrapClassName ? `j-table-wrap ${wrapClassName}` : 'j-table-wrap'}>
      <table className={className ? `j-table ${className}` : 'j-table'} data-testid={testId}>
        {caption && <caption className="j-caption">{caption}</caption>}
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

type PersonRow = Pick<MemberView, 'caseNumber' | 'familyName' | 'givenNames' | 'nativeName' | 'sex' | 'age' | 'confirmedNationality'>;

/** The header cells of a person: case number, name, and (unless left out) sex · age and confirmed nationality. */
export function PersonHeads({ sexAge = true, nationality = true }: { sexAge?: boolean; nationality?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <th scope="col">{t('detail.caseNumber')}</th>
      <th scope="col">{t('field.name')}</th>
      {sexAge && <th scope="col">{t('journey.sexAge')}</th>}
      {nationality && <th scope="col">{t('field.confirmedNationality')}</th>}
    </>
  );
}

/** The cells under `PersonHeads`; `children` go under the name (e.g. open holds). */
export function PersonCells({ person, sexAge = true, nationality = true, children }: { person: PersonRow; sexAge?: boolean; nationality?: boolean; children?: ReactNode }) {
  return (
    <>
      <td className="mono">{person.caseNumber}</td>
      <td>
        <PersonName person={person} />
        {children}
      </td>
      {sexAge && (
        <td>
          <SexAge person={person} />
        </td>
      )}
      {nationality && (
        <td>
          <Country code={person.confirmedNationality} />
        </td>
      )}
    </>
  );
}

/** A list loaded from the engine: its refusal, "loading", `empty` when there is nothing, else the list. */
export function LoadedList<T>({ items, error, empty, children }: { items: readonly T[] | null; error: ErrorBody | null; empty: ReactNode; children: (items: readonly T[]) => ReactNode }) {
  return (
    <>
      <EngineError error={error} />
      {items === null ? !error && <Loading /> : items.length === 0 ? empty : children(items)}
    </>
  );
}
