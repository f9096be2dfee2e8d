import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { KeyCardView, RecipientView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { downloadBase64 } from '../../api/files';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { Field, Loading } from '../../components/ui';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { ReasonDialog } from '../detail/ReasonDialog';
import { useDialogState } from '../detail/useDialogState';
import { QrCode } from '../journey/QrCode';
import { recipientKindLabel } from '../journey/recipients';
import { useHeadingFocus } from '../journey/screen';
import { CopyButton, CountrySelect, Fingerprint, ScreenHead, textBase64, useAnnouncer, useLoad } from '../journey/shared';
import { JourneyTable, LoadedList } from '../journey/tables';
import '../journey/journey.css';

/** This office's public key card, and the embassies, authorities and offices exports are encrypted to. */
export function KeysScreen() {
  const { t } = useI18n();
  const card = useLoad('keys.show', {});
  const recipients = useLoad('recipient.list', {});
  const { announce, node } = useAnnouncer();
  const heading = useHeadingFocus();

  return (
    <div className="journey">
      <ScreenHead title={t('keys.title')} sub={t('keys.intro')} headingRef={heading} />
      {node}
      <EngineError error={card.error} />
      {card.value ? <KeyCard card={card.value} /> : !card.error && <Loading />}
      <RecipientsSection
        recipients={recipients.value}
        error={recipients.error}
        onRemoved={(name) => {
          announce(t('recipient.removed', { name }));
          void recipients.reload();
        }}
      />
      <AddRecipient
        onAdded={(r) => {
          announce(t('recipient.added', { name: r.name }));
          void recipients.reload();
        }}
      />
    </div>
  );
}

function KeyCard({ card }: { card: KeyCardView }) {
  const { t } = useI18n();
  const save = () => downloadBase64({ fileName: `${card.office}.homeward-card.json`, mime: 'application/json', data: textBase64(card.card) });
  return (
    <section className="panel j-keycard" aria-labelledby="keycard-title">
      <div className="j-keycard-text">
        <h2 id="keycard-title">{t('keys.card', { office: card.office })}</h2>
        <p className="hint">{t('keys.cardHint')}</p>
        <h3>{t('keys.age')}</h3>
        <p className="hint">{t('keys.ageHint')}</p>
        <p className="mono j-key" data-testid="age-recipient">
          {card.ageRecipient}
        </p>
        <div className="j-fp-row">
          <span className="label">{t('keys.fingerprint')}</span>
          <Fingerprint value={card.ageFingerprint} label={t('keys.fingerprint')} />
        </div>
        <CopyButton text={card.ageRecipient} label={t('keys.copyAge')} />
        <h3>{t('keys.signing')}</h3>
        <p className="hint">{t('keys.signingHint')}</p>
        <p className="mono j-key" data-testid="signing-key">
          {card.signingPublicKey}
        </p>
        <div className="j-fp-row">
          <span className="label">{t('keys.keyId')}</span>
          <span className="mono">{card.signingKeyId}</span>
        </div>
        <div className="j-fp-row">
          <span className="label">{t('keys.fingerprint')}</span>
          <Fingerprint value={card.signingFingerprint} label={t('keys.fingerprint')} />
        </div>
        <CopyButton text={card.signingPublicKey} label={t('keys.copySigning')} />
      </div>
      <figure className="j-keycard-qr">
        <QrCode text={card.card} label={t('keys.qrLabel', { office: card.office })} size={250} ecc="low" />
        <figcaption className="hint">{t('keys.qrCaption')}</figcaption>
        <div className="row">
          <CopyButton text={card.card} label={t('keys.copyCard')} />
          <button type="button" className="btn small" onClick={save}>
            {t('keys.saveCard')}
          </button>
        </div>
      </figure>
    </section>
  );
}

function RecipientsSection({ recipients, error, onRemoved }: { recipients: RecipientView[] | null; error: ErrorBody | null; onRemoved: (name: string) => void }) {
  const { t, locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useDialogState<RecipientView>(heading);
  return (
    <section className="panel" aria-labelledby="recipients-title">
      <h2 id="recipients-title" ref={heading} tabIndex={-1}>
        {t('recipient.title')}
      </h2>
      <LoadedList items={recipients} error={error} empty={<p className="hint">{t('recipient.none')}</p>}>
        {(list) => (
          <JourneyTable
            testId="recipients"
            head={
              <>
                <th scope="col">{t('recipient.name')}</th>
                <th scope="col">{t('recipient.country')}</th>
                <th scope="col">{t('recipient.kind')}</th>
                <th scope="col">{t('keys.fingerprint')}</th>
                <th scope="col">{t('recipient.addedOn')}</th>
                <th scope="col">
                  <span className="sr-only">{t('journey.actions')}</span>
                </th>
              </>
            }
          >
            {list.map((r) => (
              <tr key={r.id}>
                <td>
                  <strong>{r.name}</strong>
                  {r.agency && <div className="hint">{r.agency}</div>}
                </td>
                <td>
                  <Country code={r.country} />
                </td>
                <td>{recipientKindLabel(t, r.kind)}</td>
                <td>{r.fingerprint ? <Fingerprint value={r.fingerprint} /> : '—'}</td>
                <td>
                  {formatDate(r.createdAt, locale)}
                  <div className="hint">{r.createdBy}</div>
                </td>
                <td>
                  <button type="button" className="btn small danger" onClick={() => dialog.open(r)}>
                    {t('recipient.remove')}
                    <span className="sr-only"> {r.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </JourneyTable>
        )}
      </LoadedList>
      {dialog.value && (
        <ReasonDialog
          title={t('recipient.removeTitle', { name: dialog.value.name })}
          submitLabel={t('recipient.remove')}
          onClose={dialog.close}
          onSubmit={async (reason) => {
            const r = dialog.value!;
            const result = await api('recipient.remove', { ref: r.id, reason });
            if (!result.ok) return result.error;
            dialog.close();
            onRemoved(r.name);
            return null;
          }}
        >
          <p>{t('recipient.removeBody')}</p>
        </ReasonDialog>
      )}
    </section>
  );
}

type Kind = 'key' | 'passphrase';

/**
 * Adding a recipient by key takes two steps: the key, then its fingerprint as
 * the owner reads it out over another channel (phone, in person). The engine
 * compares the two and refuses a key whose fingerprint differs.
 */
function AddRecipient({ onAdded }: { onAdded: (r: RecipientView) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<Kind>('key');
  const [name, setName] = useState('');
  const [country, setCountry] = useState('');
  const [agency, setAgency] = useState('');
  const [key, setKey] = useState('');
  const [signingKey, setSigningKey] = useState('');
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<{ ageRecipient: string; fingerprint: string } | null>(null);
  const [spoken, setSpoken] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (preview) confirmInput.current?.focus();
  }, [preview]);

  const reset = () => {
    setName('');
    setCountry('');
    setAgency('');
    setKey('');
    setSigningKey('');
    setNote('');
    setPreview(null);
    setSpoken('');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setMismatch(false);
    setMissing(null);
    if (!name.trim()) {
      setMissing('name');
      return;
    }
    if (kind === 'key' && !preview) {
      if (!key.trim()) {
        setMissing('key');
        return;
      }
      setBusy(true);
      const result = await api('recipient.preview', { ageRecipient: key.trim() });
      setBusy(false);
      if (result.ok) setPreview(result.value);
      else setError(result.error);
      return;
    }
    if (kind === 'key' && !spoken.trim()) {
      setMissing('spoken');
      return;
    }
    setBusy(true);
    const result = await api('recipient.add', {
      name: name.trim(),
      country: country || null,
      agency: agency.trim() || null,
      ageRecipient: kind === 'key' ? preview!.ageRecipient : null,
      fingerprint: kind === 'key' ? spoken.trim() : null,
      signingPublicKey: signingKey.trim() || null,
      note: note.trim() || null,
    });
    setBusy(false);
    if (!result.ok) {
      // The engine compares the fingerprints; its refusal names both, which the reader sees on screen already.
      setMismatch(/is not this key/.test(result.error.message));
      setError(/is not this key/.test(result.error.message) ? null : result.error);
      return;
    }
    reset();
    onAdded(result.value);
  };

  const f = (n: string) => `${id}-${n}`;
  return (
    <section className="panel" aria-labelledby={f('title')}>
      <h2 id={f('title')}>{t('recipient.addTitle')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <span className="label" id={f('kind')}>
            {t('recipient.kind')}
          </span>
          <div className="radios" role="radiogroup" aria-labelledby={f('kind')}>
            {(['key', 'passphrase'] as const).map((k) => (
              <label key={k}>
                <input
                  type="radio"
                  name="recipient-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setPreview(null);
                  }}
                />
                {k === 'key' ? t('recipient.byKey') : t('recipient.byPassphrase')}
              </label>
            ))}
          </div>
        </div>
        <div className="grid wide">
          <Field label={t('recipient.name')} htmlFor={f('name')} hint={t('recipient.nameHint')} error={missing === 'name' ? t('validation.required') : undefined}>
            <input id={f('name')} type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={missing === 'name' || undefined} />
          </Field>
          <Field label={t('recipient.country')} htmlFor={f('country')}>
            <CountrySelect id={f('country')} value={country} onChange={setCountry} allowEmpty emptyLabel={t('recipient.noCountry')} />
          </Field>
          <Field label={t('recipient.agency')} htmlFor={f('agency')}>
            <input id={f('agency')} type="text" autoComplete="off" value={agency} onChange={(e) => setAgency(e.target.value)} />
          </Field>
        </div>
        {kind === 'key' ? (
          <>
            <Field label={t('recipient.key')} htmlFor={f('key')} hint={t('recipient.keyHint')} error={missing === 'key' ? t('validation.required') : undefined}>
              <input
                id={f('key')}
                type="text"
                className="mono"
                autoComplete="off"
                spellCheck={false}
                value={key}
                onChange={(e) => {
                  setKey(e.target.value);
                  setPreview(null);
                  setSpoken('');
                }}
                aria-invalid={missing === 'key' || undefined}
                aria-describedby={`${f('key')}-hint`}
              />
            </Field>
            {preview && (
              <div className="j-confirm-fp" data-testid="fingerprint-step">
                <p>
                  <strong>{t('recipient.step2')}</strong> {t('recipient.step2Body', { name: name.trim() })}
                </p>
                <div className="j-fp-row">
                  <span className="label">{t('recipient.thisKey')}</span>
                  <Fingerprint value={preview.fingerprint} label={t('recipient.thisKey')} />
                </div>
                <Field label={t('recipient.spoken')} htmlFor={f('spoken')} hint={t('recipient.spokenHint')} error={missing === 'spoken' ? t('validation.required') : undefined}>
                  <input
                    id={f('spoken')}
                    ref={confirmInput}
                    type="text"
                    className="mono j-fp-input"
                    autoComplete="off"
                    spellCheck={false}
                    value={spoken}
                    onChange={(e) => setSpoken(e.target.value)}
                    aria-invalid={missing === 'spoken' || undefined}
                    aria-describedby={`${f('spoken')}-hint`}
                  />
                </Field>
              </div>
            )}
          </>
        ) : (
          <p className="hint">{t('recipient.passphraseNote')}</p>
        )}
        <details className="j-more">
          <summary>{t('recipient.more')}</summary>
          <Field label={t('recipient.signingKey')} htmlFor={f('signing')} hint={t('recipient.signingKeyHint')}>
            <input id={f('signing')} type="text" className="mono" autoComplete="off" spellCheck={false} value={signingKey} onChange={(e) => setSigningKey(e.target.value)} />
          </Field>
          <Field label={t('field.note')} htmlFor={f('note')}>
            <input id={f('note')} type="text" autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </details>
        {mismatch && (
          <p className="alert error" role="alert" data-testid="fingerprint-mismatch">
            {t('recipient.mismatch')}
          </p>
        )}
        <EngineError error={error} />
        <div className="row">
          <button type="submit" className="btn primary" disabled={busy}>
            {kind === 'key' && !preview ? t('recipient.showFingerprint') : t('recipient.add')}
          </button>
          {preview && (
            <button type="button" className="btn" onClick={() => setPreview(null)}>
              {t('app.back')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
