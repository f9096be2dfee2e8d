import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import type { HomewardBridge } from '../../../../src/api/bridge';
import type { CallName, CallOutput } from '../../../../src/api/contract';
import type { BatchCounts, MemberView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { COUNTRY_CODES } from '../../../../src/domain/reference/countries';
import type { BatchStatus, MemberStatus } from '../../../../src/domain/transfer';
import { api } from '../../api/transport';
import { imageUrl, releaseImageUrl } from '../../api/files';
import { navigate, type Route } from '../../router';
import { isTypingTarget } from '../detail/labels';
import { countryLabel, countryName, latinName } from '../../format';
import { useI18n } from '../../i18n';

/** Shared pieces of the verification, transfer, handover and keys screens. */

/**
 * One API call whose answer a screen shows: loaded on mount and whenever
 * `key` changes, reloadable; the previous answer stays on screen while a
 * reload runs, so counts never flash empty.
 */
export function useLoad<K extends CallName>(name: K, input: Parameters<HomewardBridge[K]>[0] | null) {
  const key = JSON.stringify(input);
  const [value, setValue] = useState<CallOutput<K> | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const latest = useRef(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  const reload = useCallback(async () => {
    const current = inputRef.current;
    if (current === null) return;
    const n = ++latest.current;
    const result = await api(name, current);
    if (n !== latest.current) return;
    if (result.ok) {
      setValue(result.value);
      setError(null);
    } else setError(result.error);
  }, [name]);
  useEffect(() => {
    if (input === null) {
      setValue(null);
      return;
    }
    void reload();
    // `key` stands for the input's content; the input object itself is new on every render
  }, [key, reload]); // eslint-disable-line react-hooks/exhaustive-deps
  return { value, setValue, error, reload };
}

const CASE_NUMBER = /[A-Z][A-Z0-9]{1,7}-(?:[A-Z]-)?\d{4}-\d{4,6}/g;

/** A sentence from the engine with its case numbers and codes kept whole (never broken at a hyphen). */
export function CaseText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(CASE_NUMBER)) {
    parts.push(text.slice(last, m.index));
    parts.push(
      <span key={m.index} className="j-nowrap">
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

/** At most `max` of a long "missing" list in a rule's sentence, and how many more there are. */
export function shortViolation<V extends { missing?: string[] }>(v: V, max = 8): { violation: V; more: number } {
  if (!v.missing || v.missing.length <= max) return { violation: v, more: 0 };
  return { violation: { ...v, missing: v.missing.slice(0, max) }, more: v.missing.length - max };
}

/** A person's name as coordinators read it: the Latin form, and the name in their own script beneath. */
export function PersonName({ person, link = true }: { person: Pick<MemberView, 'familyName' | 'givenNames' | 'nativeName' | 'caseNumber'>; link?: boolean }) {
  const latin = latinName(person);
  const main = latin || person.nativeName || person.caseNumber;
  return (
    <span className="j-name">
      {link ? <a href={`#/person/${encodeURIComponent(person.caseNumber)}`}>{main}</a> : <span>{main}</span>}
      {latin && person.nativeName && <span className="j-native">{person.nativeName}</span>}
    </span>
  );
}

export function BatchStatusChip({ status }: { status: BatchStatus }) {
  const { t } = useI18n();
  return <span className={`chip j-batch-${status}`}>{t(`batchStatus.${status}`)}</span>;
}

export function MemberStatusChip({ status }: { status: MemberStatus }) {
  const { t } = useI18n();
  return <span className={`chip j-member-${status}`}>{t(`memberStatus.${status}`)}</span>;
}

/** Whether the receiving party has acknowledged a handover, or it still waits for their receipt. */
export function HandoverAckChip({ acknowledged }: { acknowledged: boolean }) {
  const { t } = useI18n();
  return acknowledged ? <span className="chip j-done">{t('handover.acknowledged')}</span> : <span className="chip count">{t('handover.awaitingAck')}</span>;
}

export function SexAge({ person }: { person: Pick<MemberView, 'sex' | 'age'> }) {
  const { t } = useI18n();
  return (
    <>
      <abbr title={t(`sex.${person.sex}`)}>{t(`sexShort.${person.sex}`)}</abbr>
      {person.age !== null && <> · {person.age}</>}
    </>
  );
}

const COUNT_KEYS = ['listed', 'boarded', 'arrived', 'missing', 'removed'] as const;

/** The check-off counts of a batch; `big` for the check-off screen. */
export function Counts({ counts, big = false, hideRemoved = false }: { counts: BatchCounts; big?: boolean; hideRemoved?: boolean }) {
  const { t, locale } = useI18n();
  const n = new Intl.NumberFormat(locale);
  return (
    <dl className={`j-counts${big ? ' big' : ''}`} data-testid="batch-counts">
      {COUNT_KEYS.filter((k) => !(hideRemoved && k === 'removed')).map((k) => (
        <div key={k} className={`j-count-${k}${counts[k] > 0 ? ' has' : ''}`}>
          <dt>{t(`memberStatus.${k}`)}</dt>
          <dd data-count={k}>{n.format(counts[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An attachment image (a person's photo), loaded through the API. */
export function AttachmentImage({ id, alt, className }: { id: string | null; alt: string; className?: string }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setUrl(null);
    setFailed(false);
    if (!id) return;
    let cancelled = false;
    let objectUrl: string | null = null;
    void api('attachment.get', { id }).then((result) => {
      if (cancelled) return;
      if (!result.ok || !result.value.mime.startsWith('image/')) {
        setFailed(true);
        return;
      }
      objectUrl = imageUrl(result.value);
      setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (objectUrl) releaseImageUrl(objectUrl);
    };
  }, [id]);
  if (url) return <img className={className} src={url} alt={alt} />;
  return (
    <div className={`${className ?? ''} j-photo-none`} role="img" aria-label={id && !failed ? t('app.loading') : t('journey.noPhoto')}>
      <span aria-hidden="true">{id && !failed ? '…' : t('journey.noPhoto')}</span>
    </div>
  );
}

/** Copies a text to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [done, setDone] = useState<'ok' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('ok');
    } catch {
      setDone('failed');
    }
    setTimeout(() => setDone(null), 2500);
  };
  return (
    <span className="j-copy">
      <button type="button" className="btn small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="hint">
        {done === 'ok' ? t('journey.copied') : done === 'failed' ? t('journey.copyFailed') : ''}
      </span>
    </span>
  );
}

/** A fingerprint as groups of four, large enough to read out over the phone. */
export function Fingerprint({ value, label }: { value: string; label?: string }) {
  const groups = value.trim().split(/\s+/).length > 1 ? value.trim().split(/\s+/) : (value.match(/.{1,4}/g) ?? [value]);
  return (
    <span className="j-fingerprint" aria-label={label ? `${label}: ${groups.join(' ')}` : undefined} role={label ? 'img' : undefined}>
      {groups.map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </span>
  );
}

/** A long hash in groups of eight, wrapped. */
export function Hash({ value }: { value: string }) {
  return (
    <span className="j-hash mono">
      {(value.match(/.{1,8}/g) ?? [value]).map((g, i) => (
        <span key={i}>{g}</span>
      ))}
    </span>
  );
}

/** Every ISO 3166 country by its name in the reader's language; `first` (e.g. the countries present) on top. */
export function CountrySelect({
  id,
  value,
  onChange,
  first = [],
  allowEmpty,
  emptyLabel,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  onChange: (code: string) => void;
  first?: readonly { code: string; count?: number }[];
  allowEmpty?: boolean;
  emptyLabel?: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { t, locale } = useI18n();
  const all = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) => collator.compare(a.name, b.name));
  }, [locale]);
  const firstCodes = new Set(first.map((f) => f.code));
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      {allowEmpty && <option value="">{emptyLabel ?? t('detail.verification.choose')}</option>}
      {first.length > 0 && (
        <optgroup label={t('journey.countriesHere')}>
          {first.map((f) => (
            <option key={f.code} value={f.code}>
              {countryLabel(f.code, locale)}
              {f.count !== undefined ? ` (${f.count})` : ''}
            </option>
          ))}
        </optgroup>
      )}
      <optgroup label={t('journey.allCountries')}>
        {all
          .filter((c) => !firstCodes.has(c.code))
          .map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
      </optgroup>
    </select>
  );
}

/** A screen's title row: heading, a line under it, actions on the right. */
export function ScreenHead({ title, sub, children, headingRef }: { title: ReactNode; sub?: ReactNode; children?: ReactNode; headingRef?: Ref<HTMLHeadingElement> }) {
  return (
    <div className="j-head">
      <div className="j-head-text">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {sub && <div className="j-sub">{sub}</div>}
      </div>
      {children && <div className="j-head-actions">{children}</div>}
    </div>
  );
}

/** A short-lived confirmation line (role=status), replaced by the next one. */
export function useAnnouncer() {
  const [message, setMessage] = useState<{ text: string; n: number; kind: 'ok' | 'warn' } | null>(null);
  const announce = useCallback((text: string, kind: 'ok' | 'warn' = 'ok') => setMessage((m) => ({ text, kind, n: (m?.n ?? 0) + 1 })), []);
  const node = (
    <div role="status" aria-live="polite" className="j-status">
      {message && (
        <p key={message.n} className={`alert ${message.kind}`}>
          {message.text}
        </p>
      )}
    </div>
  );
  return { announce, node, clear: () => setMessage(null) };
}

/** UTF-8 text as base64, for downloads of text the renderer holds (the key card). */
export function textBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Esc goes back to `to`, as on the person page: the first Esc leaves a text
 * field (so nothing half-typed is lost), the next one goes back. An open
 * dialog keeps Esc for itself.
 */
export function useEscapeBack(to: Route) {
  const target = JSON.stringify(to);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (isTypingTarget(e.target)) (e.target as HTMLElement).blur();
      else navigate(JSON.parse(target) as Route);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [target]);
}

/** Whether the event's key is Alt plus the letter, by physical key: works with Thai or Burmese keyboard layouts too. */
export function altLetter(e: KeyboardEvent, letter: string): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && (e.code === `Key${letter.toUpperCase()}` || e.key.toLowerCase() === letter);
}
