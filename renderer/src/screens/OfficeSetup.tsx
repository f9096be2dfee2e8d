import { useState, type FormEvent } from 'react';
import type { OfficeStatus } from '../../../src/api/contract';
import type { ErrorBody } from '../../../src/domain/errors';
import { COUNTRY_CODES } from '../../../src/domain/reference/countries';
import { api, inDesktopApp } from '../api/transport';
import { ErrorAlert, Field } from '../components/ui';
import { countryName } from '../format';
import { LANGUAGES, useI18n, type Language } from '../i18n';

/** First screen: unlock the office database, or create it when none exists. */
export function OfficeSetup({ status, onOpened }: { status: OfficeStatus; onOpened: () => void }) {
  const { t, language, setLanguage } = useI18n();
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  return (
    <main className="center" id="content">
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center', marginBottom: '1rem' }}>
        <div>
          <h1 style={{ marginBottom: 0 }}>{t('app.name')}</h1>
          <div className="hint">{t('app.tagline')}</div>
        </div>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="setup-language">{t('app.language')}</label>
          <select id="setup-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.locale}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {recoveryKey ? (
        <RecoveryKeyNotice recoveryKey={recoveryKey} onDone={onOpened} />
      ) : status.exists ? (
        <UnlockForm status={status} onOpened={onOpened} />
      ) : (
        <CreateForm onCreated={setRecoveryKey} />
      )}
    </main>
  );
}

function UnlockForm({ status, onOpened }: { status: OfficeStatus; onOpened: () => void }) {
  const { t } = useI18n();
  const [useRecovery, setUseRecovery] = useState(false);
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  // The OS key store exists only in the desktop app.
  const keystore = inDesktopApp ? status.osKeystore : 'unavailable';
  const [remember, setRemember] = useState(keystore === 'enabled');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await api('office.unlock', { unlock: useRecovery ? { recoveryKey: secret } : { passphrase: secret } });
    if (result.ok && keystore !== 'unavailable' && remember !== (keystore === 'enabled')) {
      const stored = await api('office.rememberOnThisComputer', { enabled: remember });
      if (!stored.ok) {
        setBusy(false);
        setError(stored.error);
        return;
      }
    }
    setBusy(false);
    if (result.ok) onOpened();
    else {
      setError(result.error);
      setSecret('');
    }
  };

  const unlockWithComputer = async () => {
    setBusy(true);
    const result = await api('office.unlockWithThisComputer', {});
    setBusy(false);
    if (result.ok) onOpened();
    else {
      setError(result.error);
      document.getElementById('secret')?.focus();
    }
  };

  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <h2>{t('unlock.title')}</h2>
      <p>{t('unlock.intro')}</p>
      <ErrorAlert error={error} />
      <Field label={useRecovery ? t('unlock.recoveryKey') : t('unlock.passphrase')} htmlFor="secret" hint={useRecovery ? t('unlock.recoveryHint') : undefined}>
        <input
          id="secret"
          type={useRecovery ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </Field>
      {keystore !== 'unavailable' && (
        <div className="checks">
          <label title={t('unlock.rememberHint')}>
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t('unlock.remember')}
          </label>
        </div>
      )}
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'center' }}>
        <button type="button" className="link" onClick={() => (setUseRecovery(!useRecovery), setSecret(''), setError(null))}>
          {useRecovery ? t('unlock.usePassphrase') : t('unlock.useRecovery')}
        </button>
        <span className="row">
          {keystore === 'enabled' && (
            <button type="button" className="btn" disabled={busy} onClick={() => void unlockWithComputer()}>
              {t('unlock.withComputer')}
            </button>
          )}
          <button className="btn primary" type="submit" disabled={busy || !secret}>
            {busy ? t('unlock.working') : t('unlock.submit')}
          </button>
        </span>
      </div>
      {status.path && <p className="hint" style={{ marginTop: '0.75rem' }}>{t('unlock.database', { path: status.path })}</p>}
    </form>
  );
}

function CreateForm({ onCreated }: { onCreated: (recoveryKey: string) => void }) {
  const { t, locale } = useI18n();
  const [form, setForm] = useState({ officeCode: '', officeName: '', country: 'TH', passphrase: '', repeat: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const mismatch = form.repeat.length > 0 && form.repeat !== form.passphrase;
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.passphrase !== form.repeat) return;
    setBusy(true);
    const result = await api('office.create', {
      officeCode: form.officeCode,
      officeName: form.officeName,
      country: form.country || null,
      passphrase: form.passphrase,
    });
    setBusy(false);
    if (result.ok) onCreated(result.value.recoveryKey);
    else setError(result.error);
  };

  const countries = [...COUNTRY_CODES].map((c) => [c, countryName(c, locale)] as const).sort((a, b) => a[1].localeCompare(b[1], locale));
  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <h2>{t('create.title')}</h2>
      <p>{t('create.intro')}</p>
      <ErrorAlert error={error} />
      <div className="grid">
        <Field label={t('create.officeCode')} htmlFor="officeCode" hint={t('create.officeCodeHint')}>
          <input id="officeCode" autoFocus required maxLength={8} value={form.officeCode} onChange={set('officeCode')} autoComplete="off" spellCheck={false} />
        </Field>
        <Field label={t('create.country')} htmlFor="officeCountry">
          <select id="officeCountry" value={form.country} onChange={set('country')}>
            {countries.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('create.officeName')} htmlFor="officeName">
        <input id="officeName" required value={form.officeName} onChange={set('officeName')} autoComplete="off" />
      </Field>
      <Field label={t('create.passphrase')} htmlFor="passphrase" hint={t('create.passphraseHint')}>
        <input id="passphrase" type="password" required minLength={10} value={form.passphrase} onChange={set('passphrase')} autoComplete="new-password" />
      </Field>
      <Field label={t('create.passphraseRepeat')} htmlFor="repeat" error={mismatch ? t('create.passphraseMismatch') : undefined}>
        <input id="repeat" type="password" required value={form.repeat} onChange={set('repeat')} autoComplete="new-password" aria-invalid={mismatch || undefined} />
      </Field>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button className="btn primary" type="submit" disabled={busy || mismatch}>
          {busy ? t('create.working') : t('create.submit')}
        </button>
      </div>
    </form>
  );
}

function RecoveryKeyNotice({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const { t } = useI18n();
  const [confirmed, setConfirmed] = useState(false);
  return (
    <section className="panel" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('create.recoveryTitle')}</h2>
      <p>{t('create.recoveryIntro')}</p>
      <div className="recovery-key" data-testid="recovery-key">
        {recoveryKey}
      </div>
      <div className="checks">
        <label>
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} autoFocus />
          {t('create.recoveryConfirm')}
        </label>
      </div>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <button className="btn primary" disabled={!confirmed} onClick={onDone}>
          {t('create.continue')}
        </button>
      </div>
    </section>
  );
}
