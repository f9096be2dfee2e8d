import type { PersonSummary } from '../../../../src/api/views';
import { latinName } from '../../format';

/** Case number and names in both scripts, on one line. */
export function PersonLine({ p }: { p: PersonSummary }) {
  const latin = latinName(p);
  return (
    <span className="dup-person">
      <span className="mono">{p.caseNumber}</span>
      {latin && <span className="latin">{latin}</span>}
      {p.nativeName && <span className="native">{p.nativeName}</span>}
    </span>
  );
}
