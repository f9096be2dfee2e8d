import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PeerCardPreview, PeerView } from '../../../../src/api/sync-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { Dialog, DialogActions, Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { Fingerprint } from '../journey/shared';

/**
 * Adding a peer office takes two steps: its key card (pasted or chosen as a
 * file), then both of its fingerprints as someone there reads them out over
 * another channel. The engine compares them with the card and refuses a card
 * whose fingerprints differ; its sentence names both.
 */
export function AddPeerDialog({ peers, onClose, onAdded }: { peers: PeerView[]; onClose: () => void; onAdded: (p: PeerView) => void }) {
  const { t } = useI18n();
  const id = useId();
  const f = (n: string) => `${id}-${n}`;
  const [card, setCard] = useState('');
  const [preview, setPreview] = useState<PeerCardPreview | null>(null);
  const [age, setAge] = useState('');
  const [signing, setSigning] = useState('');
  const [replace, setReplace] = useState(false);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = preview ? peers.find((p) => p.office === preview.office && p.trusted) : undefined;

  const readCardFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setCard(await file.text());
      setPreview(null);
      setMissing(new Set());
    } catch {
      setError({ code: 'FILE_UNREADABLE', message: t('detail.fileUnreadable') });
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setMismatch(false);
    if (!preview) {
      if (!card.trim()) return setMissing(new Set(['card']));
      setBusy(true);
      const r = await api('peer.preview', { card: card.trim() });
      setBusy(false);
      if (r.ok) setPreview(r.value);
      else setError(r.error);
      return;
    }
    const empty = new Set([!age.trim() && 'age', !signing.trim() && 'signing'].filter((x): x is string => !!x));
    setMissing(empty);
    if (empty.size) {
      document.getElementById(f([...empty][0]!))?.focus();
      return;
    }
    setBusy(true);
    const r = await api('peer.add', { card: card.trim(), ageFingerprint: age.trim(), signingFingerprint: signing.trim(), ...(replace ? { replace } : {}) });
    setBusy(false);
    if (!r.ok) {
      // The engine's refusal names both fingerprints; say plainly what it means, and show its words too.
      setMismatch(/^Not added:/.test(r.error.message));
      setError(r.error);
      return;
    }
    onAdded(r.value);
  };

  return (
    <Dialog open title={t('peer.addTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="sync-add-peer" data-testid="add-peer-dialog">
        {!preview && (
          <>
            <Field label={t('peer.card')} htmlFor={f('card')} hint={t('peer.cardHint')} error={missing.has('card') ? t('peer.cardRequired') : undefined}>
              <textarea autoComplete="off"
                id={f('card')}
                className="mono"
                rows={5}
                spellCheck={false}
                value={card}
                onChange={(e) => {
                  setCard(e.target.value);
                  setPreview(null);
                  setMissing(new Set());
                }}
                aria-invalid={missing.has('card') || undefined}
                aria-describedby={missing.has('card') ? `${f('card')}-error` : `${f('card')}-hint`}
              />
            </Field>
            <Field label={t('peer.cardFile')} htmlFor={f('file')} hint={t('peer.cardFileHint')}>
              <input id={f('file')} type="file" accept=".json,application/json,text/plain" onChange={(e) => void readCardFile(e.target.files?.[0])} aria-describedby={`${f('file')}-hint`} />
            </Field>
          </>
        )}
        {preview && (
          <div className="j-confirm-fp" data-testid="peer-fingerprints">
            <p>
              <strong>{t('peer.step2')}</strong> {t('peer.step2Body', { name: preview.name })}
            </p>
            <div className="sync-card-office">
              <span>
                <strong className="mono">{preview.office}</strong> {preview.name}
                {preview.country && (
                  <>
                    {' · '}
                    <Country code={preview.country} />
                  </>
                )}
              </span>
              <button type="button" className="btn small" onClick={() => setPreview(null)}>
                {t('peer.otherCard')}
              </button>
            </div>
            {existing && <p className="alert warn">{t('peer.exists', { office: preview.office })}</p>}
            <div className="sync-fp-pair">
              <FingerprintCheck
                id={f('age')}
                kind={t('peer.ageFp')}
                card={preview.ageFingerprint}
                label={t('peer.spokenAge')}
                value={age}
                onChange={setAge}
                missing={missing.has('age')}
                autoFocus
              />
              <FingerprintCheck
                id={f('signing')}
                kind={t('peer.signingFp')}
                card={preview.signingFingerprint}
                label={t('peer.spokenSigning')}
                value={signing}
                onChange={setSigning}
                missing={missing.has('signing')}
              />
            </div>
            {existing && (
              <label className="sync-check">
                <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
                {t('peer.replace', { office: preview.office })}
              </label>
            )}
          </div>
        )}
        {mismatch && error ? (
          <div className="alert error" role="alert" data-testid="peer-mismatch">
            <p className="engine-text">{t('peer.mismatch')}</p>
            <p className="engine-detail">
              {t('detail.engineSays')} <span lang="en">{error.message}</span>
            </p>
          </div>
        ) : (
          <EngineError error={error} />
        )}
        <DialogActions label={preview ? t('peer.submit') : t('peer.showFingerprints')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/**
 * One fingerprint to compare: as the card gives it, and a field for the one
 * read out over the phone. `autoFocus` puts the focus there when the step opens.
 */
function FingerprintCheck({
  id,
  kind,
  card,
  label,
  value,
  onChange,
  missing,
  autoFocus = false,
}: {
  id: string;
  kind: string;
  card: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  missing: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const onCard = `${kind} · ${t('peer.cardSays')}`;
  return (
    <div>
      <div className="j-fp-row">
        <span className="label">{onCard}</span>
        <Fingerprint value={card} label={onCard} />
      </div>
      <Field label={label} htmlFor={id} hint={t('peer.spokenHint')} error={missing ? t('validation.required') : undefined}>
        <input
          id={id}
          ref={input}
          type="text"
          className="mono j-fp-input"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-error` : `${id}-hint`}
        />
      </Field>
    </div>
  );
}
