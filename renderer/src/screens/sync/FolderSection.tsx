import { useId, useState, type FormEvent } from 'react';
import type { FolderPassView, SyncStatusView } from '../../../../src/api/sync-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { PassResult } from './PassResult';
import { PathInput } from './PathInput';
import { useSyncRun } from './useSyncRun';

/** This office, its sync folder, and the button that runs one pass over it. */
export function FolderSection({ status, onChanged, announce }: { status: SyncStatusView; onChanged: () => void; announce: (text: string) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [folder, setFolder] = useState(status.folder ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const passing = useSyncRun<FolderPassView>(onChanged);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    const r = await api('sync.setFolder', { folder: folder.trim() || null });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    announce(r.value.folder ? t('sync.folderSaved') : t('sync.folderCleared'));
    onChanged();
  };

  /** One pass; `allowDeletes` only after the coordinator confirmed a bundle's deletions. */
  const pass = async (allowDeletes = false): Promise<ErrorBody | null> => {
    const r = await passing.run(() => api('sync.folderPass', allowDeletes ? { allowDeletes } : {}));
    if (!r.ok) return r.error;
    announce(t('sync.passDone', { in: r.value.imported.length, out: r.value.written.length }));
    return null;
  };

  const dirty = folder.trim() !== (status.folder ?? '');
  const n = new Intl.NumberFormat(locale);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="sr-only">
        {t('sync.device')}
      </h2>
      <div className="sync-top">
        <dl className="sync-facts">
          <div>
            <dt>{t('sync.device')}</dt>
            <dd>
              <span className="mono">{status.office}</span>
            </dd>
          </div>
          <div>
            <dt title={t('sync.deviceNodeHint')}>{t('sync.deviceNode')}</dt>
            <dd className="mono" data-testid="sync-node">
              {status.node}
            </dd>
          </div>
          {status.parked > 0 && (
            <div>
              <dt>{t('sync.parked', { n: n.format(status.parked) })}</dt>
              <dd className="hint">{t('sync.parkedHint')}</dd>
            </div>
          )}
        </dl>
        <form className="sync-folder" onSubmit={(e) => void save(e)} noValidate>
          <Field label={t('sync.folder')} htmlFor={`${id}-folder`} hint={t('sync.folderHint')}>
            <div className="sync-inline">
              <PathInput id={`${id}-folder`} value={folder} onChange={setFolder} placeholder={status.folder ? undefined : t('sync.folderNone')} />
              <button type="submit" className="btn" disabled={saving || !dirty}>
                {t('sync.folderSave')}
              </button>
            </div>
          </Field>
        </form>
      </div>
      <div className="row sync-pass">
        <button type="button" className="btn primary j-big-btn" onClick={() => void pass()} disabled={passing.busy || dirty} data-testid="run-pass">
          {passing.busy ? t('sync.passRunning') : t('sync.pass')}
        </button>
        <span className="hint">{t('sync.passHint')}</span>
      </div>
      <EngineError error={error ?? passing.error} />
      {passing.result && <PassResult result={passing.result} onApplyAnyway={() => pass(true)} />}
    </section>
  );
}
