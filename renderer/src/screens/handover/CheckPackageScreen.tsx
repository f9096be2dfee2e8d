import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { ManifestCheck } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { useReadFile } from '../journey/forms';
import { BackLink, useHeadingFocus } from '../journey/screen';
import { Hash, ScreenHead, useEscapeBack } from '../journey/shared';
import '../journey/journey.css';

/**
 * Check a handover package as its receiver would: decryption, zip,
 * structure, signature, hash, CSV, PDF and photos. Each check is one line,
 * ok or FAIL, with the engine's words on what is wrong.
 */
export function CheckPackageScreen() {
  const { t, tDynamic } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [identity, setIdentity] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [result, setResult] = useState<ManifestCheck | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [noFile, setNoFile] = useState(false);
  const heading = useHeadingFocus();
  const readFile = useReadFile();
  useEscapeBack({ name: 'handovers' });

  const check = async (e?: FormEvent, chosen = file) => {
    e?.preventDefault();
    if (busy) return;
    setError(null);
    setResult(null);
    if (!chosen) {
      setNoFile(true);
      return;
    }
    setBusy(true);
    const read = await readFile(chosen);
    if (!read.ok) {
      setBusy(false);
      setError(read.error);
      return;
    }
    const r = await api('manifest.verify', {
      data: read.data,
      ...(passphrase ? { passphrase } : {}),
      ...(identity.trim() ? { identity: identity.trim() } : {}),
      ...(publicKey.trim() ? { publicKey: publicKey.trim() } : {}),
    });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) {
      setFile(f);
      setNoFile(false);
      void check(undefined, f);
    }
  };

  return (
    <div className="journey">
      <BackLink href="#/handovers">{t('handover.back')}</BackLink>
      <ScreenHead title={t('check.title')} sub={t('check.intro')} headingRef={heading} />
      <div className="cols">
        <form className="panel" onSubmit={(e) => void check(e)} noValidate>
          <div
            className={`j-drop${over ? ' over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={drop}
          >
            <Field label={t('check.file')} htmlFor={`${id}-file`} hint={t('check.fileHint')} error={noFile ? t('detail.chooseFile') : undefined}>
              <input
                id={`${id}-file`}
                ref={input}
                type="file"
                accept=".age,.zip,application/zip,application/octet-stream"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setNoFile(false);
                  setResult(null);
                }}
                aria-describedby={`${id}-file-hint`}
                aria-invalid={noFile || undefined}
              />
            </Field>
          </div>
          <Field label={t('check.passphrase')} htmlFor={`${id}-pass`} hint={t('check.passphraseHint')}>
            <input id={`${id}-pass`} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-describedby={`${id}-pass-hint`} />
          </Field>
          <details className="j-more">
            <summary>{t('check.more')}</summary>
            <Field label={t('check.identity')} htmlFor={`${id}-identity`} hint={t('check.identityHint')}>
              <input id={`${id}-identity`} type="password" className="mono" autoComplete="off" value={identity} onChange={(e) => setIdentity(e.target.value)} aria-describedby={`${id}-identity-hint`} />
            </Field>
            <Field label={t('check.publicKey')} htmlFor={`${id}-pk`} hint={t('check.publicKeyHint')}>
              <input id={`${id}-pk`} type="text" className="mono" autoComplete="off" spellCheck={false} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} aria-describedby={`${id}-pk-hint`} />
            </Field>
          </details>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? t('check.checking') : t('check.submit')}
          </button>
          <EngineError error={error} />
        </form>
        <section className="panel" aria-labelledby="check-result" aria-live="polite">
          <h2 id="check-result">{t('check.result')}</h2>
          {!result ? (
            <p className="hint">{t('check.none')}</p>
          ) : (
            <div data-testid="check-result">
              <p className={`j-verdict ${result.ok ? 'ok' : 'bad'}`}>{result.ok ? t('check.ok', { people: result.people ?? 0, handover: result.handover ?? '—' }) : t('check.bad', { n: result.problems.length })}</p>
              <ol className="j-checks">
                {result.checks.map((c, i) => (
                  <li key={i} className={c.ok ? 'ok' : 'bad'}>
                    <span className="j-check-mark">{c.ok ? 'ok' : 'FAIL'}</span>
                    <span className="j-check-name">{tDynamic(`checkName.${c.name}`, undefined, c.name)}</span>
                    <span className="j-check-detail" lang="en">
                      {c.detail}
                    </span>
                  </li>
                ))}
              </ol>
              {result.manifestSha256 && (
                <p>
                  <span className="label">{t('handover.sha')}</span> <Hash value={result.manifestSha256} />
                </p>
              )}
              {result.signedBy && <p className="hint">{t('check.signedBy', { office: result.signedBy.office, key: result.signedBy.keyId })}</p>}
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
