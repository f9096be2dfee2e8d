import { useId, useState, type FormEvent } from 'react';
import type { BundleImportView, PeerView } from '../../../../src/api/sync-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { downloadBase64 } from '../../api/files';
import { api } from '../../api/transport';
import { Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { toggled, useReadFile } from '../journey/forms';
import { ApplyAnyway, ImportedBundle } from './PassResult';
import { PathInput } from './PathInput';
import { useSyncRun } from './useSyncRun';

/** Bundles carried by hand: write one for chosen offices (to a folder, or saved by the browser), import one from a file. */
export function UsbSection({ peers, onChanged, announce }: { peers: PeerView[]; onChanged: () => void; announce: (text: string) => void }) {
  const { t } = useI18n();
  const trusted = peers.filter((p) => p.trusted);
  return (
    <section className="panel" aria-labelledby="usb-title">
      <h2 id="usb-title">{t('usb.title')}</h2>
      <p className="hint">{t('usb.intro')}</p>
      <div className="sync-usb">
        <ExportForm peers={trusted} onChanged={onChanged} announce={announce} />
        <ImportForm onChanged={onChanged} />
      </div>
    </section>
  );
}

function ExportForm({ peers, onChanged, announce }: { peers: PeerView[]; onChanged: () => void; announce: (text: string) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [to, setTo] = useState<Set<string>>(new Set());
  const [folder, setFolder] = useState('');
  const [noneTicked, setNoneTicked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (to.size === 0) return setNoneTicked(true);
    setBusy(true);
    const r = await api('sync.export', { to: [...to], ...(folder.trim() ? { folder: folder.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const offices = new Intl.ListFormat(locale, { type: 'conjunction' }).format(r.value.to);
    if (r.value.empty) announce(t('usb.exportEmpty', { to: offices }));
    else {
      if (r.value.data) downloadBase64({ fileName: r.value.fileName, mime: 'application/octet-stream', data: r.value.data });
      announce(t('usb.exported', { to: offices, changes: r.value.changes, file: r.value.path ?? r.value.fileName }));
    }
    onChanged();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('usb.export')}</h3>
      {peers.length === 0 ? (
        <p className="hint">{t('usb.noPeers')}</p>
      ) : (
        <>
          <fieldset className="field sync-to" aria-describedby={noneTicked ? `${id}-to-error` : undefined}>
            <legend className="label">{t('usb.to')}</legend>
            <div className="checks">
              {peers.map((p) => (
                <label key={p.office}>
                  <input
                    type="checkbox"
                    name="export-to"
                    value={p.office}
                    checked={to.has(p.office)}
                    onChange={() => {
                      setTo((s) => toggled(s, p.office));
                      setNoneTicked(false);
                    }}
                  />
                  <span className="mono">{p.office}</span> {p.name}
                </label>
              ))}
            </div>
            {noneTicked && (
              <span className="error" id={`${id}-to-error`} role="alert">
                {t('usb.toRequired')}
              </span>
            )}
          </fieldset>
          <Field label={t('usb.folder')} htmlFor={`${id}-folder`} hint={t('usb.folderHint')}>
            <PathInput id={`${id}-folder`} value={folder} onChange={setFolder} />
          </Field>
          <EngineError error={error} />
          <button type="submit" className="btn" disabled={busy}>
            {busy ? t('detail.working') : t('usb.exportSubmit')}
          </button>
        </>
      )}
    </form>
  );
}

function ImportForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const readFile = useReadFile();
  const [file, setFile] = useState<File | null>(null);
  const [noFile, setNoFile] = useState(false);
  const { busy, error, setError, result, setResult, run: runImport } = useSyncRun<BundleImportView>(onChanged);

  const run = async (allowDeletes = false): Promise<ErrorBody | null> => {
    if (!file) {
      setNoFile(true);
      return null;
    }
    const r = await runImport(async () => {
      const read = await readFile(file);
      return read.ok ? api('sync.import', { data: read.data, fileName: file.name, ...(allowDeletes ? { allowDeletes } : {}) }) : read;
    });
    return r.ok ? null : r.error;
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void run();
      }}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{t('usb.import')}</h3>
      <Field label={t('usb.file')} htmlFor={`${id}-file`} hint={t('usb.fileHint')} error={noFile ? t('detail.chooseFile') : undefined}>
        <input
          id={`${id}-file`}
          type="file"
          accept=".hwsync,application/octet-stream"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setNoFile(false);
            setResult(null);
            setError(null);
          }}
          aria-describedby={noFile ? `${id}-file-error` : `${id}-file-hint`}
          aria-invalid={noFile || undefined}
          data-testid="bundle-file"
        />
      </Field>
      <button type="submit" className="btn" disabled={busy}>
        {busy ? t('usb.importing') : t('usb.importSubmit')}
      </button>
      <div aria-live="polite">
        {result && (
          <div className="alert ok">
            <ImportedBundle bundle={result} />
          </div>
        )}
      </div>
      <EngineError error={error} />
      {error?.code === 'CONFIRMATION_REQUIRED' && file && <ApplyAnyway file={file.name} message={error.message} onConfirm={() => run(true)} />}
    </form>
  );
}
