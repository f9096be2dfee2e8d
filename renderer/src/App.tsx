import { useCallback, useEffect, useState } from 'react';
import type { OfficeStatus } from '../../src/api/contract';
import type { ErrorBody } from '../../src/domain/errors';
import { api } from './api/transport';
import { ErrorAlert, Loading } from './components/ui';
import { LANGUAGES, useI18n, type Language } from './i18n';
import { navigate, useRoute, type Route } from './router';
import { DuplicatePairScreen } from './screens/DuplicatePair';
import { DuplicateQueue } from './screens/DuplicateQueue';
import { ImportScreen } from './screens/ImportScreen';
import { forgetImport } from './screens/import/state';
import { IntakeScreen } from './screens/IntakeScreen';
import { OfficeSetup } from './screens/OfficeSetup';
import { PeopleList } from './screens/PeopleList';
import { PersonDetail } from './screens/PersonDetail';
import { CheckPackageScreen } from './screens/handover/CheckPackageScreen';
import { HandoverScreen } from './screens/handover/HandoverScreen';
import { HandoversScreen } from './screens/handover/HandoversScreen';
import { NewHandoverScreen } from './screens/handover/NewHandoverScreen';
import { altLetter } from './screens/journey/shared';
import { KeysScreen } from './screens/keys/KeysScreen';
import { ConflictsScreen } from './screens/sync/ConflictsScreen';
import { SyncScreen } from './screens/sync/SyncScreen';
import { BatchesScreen } from './screens/transfer/BatchesScreen';
import { BatchScreen } from './screens/transfer/BatchScreen';
import { CheckOffScreen } from './screens/transfer/CheckOffScreen';
import { PlanBatchScreen } from './screens/transfer/PlanBatchScreen';
import { VerificationListScreen } from './screens/verification/VerificationListScreen';
import { VerificationScreen } from './screens/verification/VerificationScreen';

/** Alt+letter: where it goes. Alt+D, Alt+E and Alt+F stay with the browser (address bar, menus). */
const SHORTCUTS: [string, Route][] = [
  ['n', { name: 'new' }],
  ['i', { name: 'import' }],
  ['v', { name: 'verification' }],
  ['t', { name: 'batches' }],
  ['h', { name: 'handovers' }],
  ['k', { name: 'keys' }],
  ['s', { name: 'sync' }],
];

export function App() {
  const { t } = useI18n();
  const [status, setStatus] = useState<OfficeStatus | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  const refresh = useCallback(async () => {
    const result = await api('office.status', {});
    if (result.ok) {
      setStatus(result.value);
      setError(null);
    } else setError(result.error);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (error) {
    return (
      <main className="center">
        <ErrorAlert error={error} />
        <button className="btn" onClick={() => void refresh()}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  if (!status) return <Loading />;
  if (!status.office) return <OfficeSetup status={status} onOpened={refresh} />;
  return <Shell officeCode={status.office.code} officeName={status.office.name} onLocked={refresh} />;
}

/** Time without a key, a click or a touch after which the office locks itself: a laptop left open is not an open office. */
const IDLE_LOCK_MS = 10 * 60_000;
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

function useIdleLock(lock: () => Promise<void>): void {
  useEffect(() => {
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    for (const name of ACTIVITY) window.addEventListener(name, seen, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= IDLE_LOCK_MS) void lock();
    }, 15_000);
    return () => {
      for (const name of ACTIVITY) window.removeEventListener(name, seen, { capture: true });
      window.clearInterval(timer);
    };
  }, [lock]);
}

function Shell({ officeCode, officeName, onLocked }: { officeCode: string; officeName: string; onLocked: () => void }) {
  const { t, language, setLanguage } = useI18n();
  const route = useRoute();

  const lock = useCallback(async () => {
    forgetImport();
    await api('office.lock', {});
    navigate({ name: 'list' });
    onLocked();
  }, [onLocked]);

  useIdleLock(lock);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // By physical key as well as by letter, so the shortcuts work with a Thai or Burmese keyboard layout.
      const go = SHORTCUTS.find(([letter]) => altLetter(e, letter));
      if (go && !e.defaultPrevented) {
        e.preventDefault();
        navigate(go[1]);
      } else if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  return (
    <>
      <a className="skip" href="#content">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand-block">
          <span className="brand">{t('app.name')}</span>
          <span className="office">{t('app.office', { code: officeCode, name: officeName })}</span>
        </span>
        <nav aria-label={t('app.name')}>
          <a href="#/people" aria-current={route.name === 'list' || route.name === 'person' ? 'page' : undefined}>
            {t('app.people')}
          </a>
          <a href="#/new" aria-current={route.name === 'new' ? 'page' : undefined} title="Alt+N">
            {t('app.newPerson')}
          </a>
          <a href="#/import" aria-current={route.name === 'import' ? 'page' : undefined} title="Alt+I">
            {t('app.import')}
          </a>
          <a href="#/duplicates" aria-current={route.name === 'duplicates' || route.name === 'pair' ? 'page' : undefined}>
            {t('app.duplicates')}
          </a>
          <a href="#/verification" aria-current={route.name === 'verification' || route.name === 'verificationList' ? 'page' : undefined} title="Alt+V">
            {t('app.verification')}
          </a>
          <a href="#/batches" aria-current={['batches', 'planBatch', 'batch', 'checkoff'].includes(route.name) ? 'page' : undefined} title="Alt+T">
            {t('app.transfers')}
          </a>
          <a href="#/handovers" aria-current={['handovers', 'newHandover', 'handover', 'checkPackage'].includes(route.name) ? 'page' : undefined} title="Alt+H">
            {t('app.handovers')}
          </a>
          <a href="#/keys" aria-current={route.name === 'keys' ? 'page' : undefined} title="Alt+K">
            {t('app.keys')}
          </a>
          <a href="#/sync" aria-current={route.name === 'sync' || route.name === 'syncConflicts' ? 'page' : undefined} title="Alt+S">
            {t('app.sync')}
          </a>
        </nav>
        <span className="spacer" />
        <span className="tools">
          <label htmlFor="language" className="office">
            {t('app.language')}
          </label>
          <select id="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.locale}>
                {l.name}
              </option>
            ))}
          </select>
          <button onClick={() => void lock()} title={t('app.lockTitle')}>
            {t('app.lock')}
          </button>
        </span>
      </header>
      <main id="content">
        {route.name === 'list' && <PeopleList />}
        {route.name === 'new' && <IntakeScreen key="new" />}
        {route.name === 'edit' && <IntakeScreen key={`edit-${route.ref}`} editRef={route.ref} />}
        {route.name === 'person' && <PersonDetail key={route.ref} personRef={route.ref} />}
        {route.name === 'import' && <ImportScreen />}
        {route.name === 'duplicates' && <DuplicateQueue key={route.ref ?? ''} personRef={route.ref} />}
        {route.name === 'pair' && <DuplicatePairScreen key={route.id} id={route.id} personRef={route.ref} />}
        {route.name === 'keys' && <KeysScreen />}
        {route.name === 'verification' && <VerificationScreen country={route.country} />}
        {route.name === 'verificationList' && <VerificationListScreen key={route.ref} listRef={route.ref} />}
        {route.name === 'batches' && <BatchesScreen />}
        {route.name === 'planBatch' && <PlanBatchScreen />}
        {route.name === 'batch' && <BatchScreen key={route.ref} batchRef={route.ref} />}
        {route.name === 'checkoff' && <CheckOffScreen key={route.ref} batchRef={route.ref} />}
        {route.name === 'handovers' && <HandoversScreen />}
        {route.name === 'newHandover' && <NewHandoverScreen key={route.batch ?? ''} batchRef={route.batch} />}
        {route.name === 'handover' && <HandoverScreen key={route.ref} handoverRef={route.ref} />}
        {route.name === 'checkPackage' && <CheckPackageScreen />}
        {route.name === 'sync' && <SyncScreen />}
        {route.name === 'syncConflicts' && <ConflictsScreen />}
      </main>
      <footer className="shortcuts">{t('app.shortcuts')}</footer>
    </>
  );
}
