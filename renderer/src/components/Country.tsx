import { countryLabel } from '../format';
import { useI18n } from '../i18n';

// Flags as bundled SVG files: emoji flags need a colour-emoji font that a bare
// machine (and Windows) does not have, and the CSP allows images from 'self'.
const FLAGS = import.meta.glob('../../../node_modules/flag-icons/flags/4x3/*.svg', { eager: true, query: '?url', import: 'default' }) as Record<string, string>;

function flagUrl(code: string): string | undefined {
  return FLAGS[`../../../node_modules/flag-icons/flags/4x3/${code.toLowerCase()}.svg`];
}

/** Flag and name of a country; the name carries the meaning, the flag is decoration. */
export function Country({ code, suffix }: { code: string | null; suffix?: string }) {
  const { locale } = useI18n();
  const url = code ? flagUrl(code) : undefined;
  return (
    <span className="country">
      {url && <img className="flag" src={url} alt="" width={20} height={15} />}
      {countryLabel(code, locale)}
      {suffix}
    </span>
  );
}
