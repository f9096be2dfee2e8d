import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { contract } from '../../../../src/api/contract';
import type { AttachmentView, PersonView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Field } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { EngineError } from './EngineError';
import { imageUrl, readBase64, releaseImageUrl } from '../../api/files';

type Kind = AttachmentView['kind'];
const KINDS = contract['attachment.add'].input.shape.kind.options as readonly Kind[];
/** A hint for the file picker only; the engine checks the bytes themselves. */
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/** Photos, scans and other files stored with the case inside the encrypted database. */
export function AttachmentsSection({ person, onChanged, readOnly = false }: { person: PersonView; onChanged: (message: string) => Promise<void>; readOnly?: boolean }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="detail-attachments-heading">
      <h2 id="detail-attachments-heading">{t('detail.attachments')}</h2>
      {person.attachments.length === 0 ? (
        <p className="hint">{t('detail.noAttachments')}</p>
      ) : (
        <ul className="thumbs detail-thumbs">
          {person.attachments.map((a) => (
            <li key={a.id}>{a.mime.startsWith('image/') ? <ImageThumb attachment={a} /> : <FileLabel attachment={a} />}</li>
          ))}
        </ul>
      )}
      {!readOnly && <AttachForm personId={person.id} onAttached={onChanged} />}
    </section>
  );
}

function useSize() {
  const { locale } = useI18n();
  return (bytes: number) => {
    const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
  };
}

function Caption({ attachment: a }: { attachment: AttachmentView }) {
  const { t, locale } = useI18n();
  const size = useSize();
  return (
    <figcaption>
      <span className="detail-filename">{a.filename ?? t('detail.unnamedFile')}</span>
      <span className="hint">{t('detail.fileMeta', { kind: t(`attachment.${a.kind}`), size: size(a.size), date: formatDateTime(a.createdAt, locale) })}</span>
    </figcaption>
  );
}

/** Loads the image's bytes through the API and shows them from a blob: URL. */
function ImageThumb({ attachment }: { attachment: AttachmentView }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    let cancelled = false;
    let objectUrl: string | null = null;
    void api('attachment.get', { id: attachment.id }).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      objectUrl = imageUrl(result.value);
      setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (objectUrl) releaseImageUrl(objectUrl);
    };
  }, [attachment.id]);

  const alt = t('detail.photoAlt', { kind: t(`attachment.${attachment.kind}`), name: attachment.filename ?? t('detail.unnamedFile') });
  return (
    <figure>
      {url ? (
        <img src={url} alt={alt} />
      ) : error ? (
        <EngineError error={error} />
      ) : (
        <div className="detail-thumb-placeholder" role="status">
          {t('app.loading')}
        </div>
      )}
      <Caption attachment={attachment} />
    </figure>
  );
}

function FileLabel({ attachment }: { attachment: AttachmentView }) {
  const { t } = useI18n();
  return (
    <figure className="detail-file">
      <div className="detail-file-icon" aria-hidden="true">
        {attachment.mime === 'application/pdf' ? t('detail.pdf') : '?'}
      </div>
      <Caption attachment={attachment} />
    </figure>
  );
}

function AttachForm({ personId, onAttached }: { personId: string; onAttached: (message: string) => Promise<void> }) {
  const { t } = useI18n();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>('photo');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const attach = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    let data: string;
    try {
      data = await readBase64(file);
    } catch {
      setBusy(false);
      setError({ code: 'FILE_UNREADABLE', message: t('detail.fileUnreadable') });
      return;
    }
    const result = await api('attachment.add', { ref: personId, kind, filename: file.name || null, data });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (fileInput.current) fileInput.current.value = '';
    await onAttached(t('detail.attached', { name: file.name || t('detail.unnamedFile') }));
  };

  const fileId = `${id}-file`;
  return (
    <form className="detail-attach" onSubmit={(e) => void attach(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('detail.attach')}</h3>
      <div className="row">
        <Field label={t('detail.attachKind')} htmlFor={`${id}-kind`}>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`attachment.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('detail.attachFile')} htmlFor={fileId} error={missing ? t('detail.chooseFile') : undefined}>
          <input
            id={fileId}
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            onChange={() => {
              setMissing(false);
              setError(null);
            }}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${fileId}-error` : undefined}
          />
        </Field>
        <div className="field">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? t('detail.working') : t('detail.attach')}
          </button>
        </div>
      </div>
      <EngineError error={error} />
    </form>
  );
}
