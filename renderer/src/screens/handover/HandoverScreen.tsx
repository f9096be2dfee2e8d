import { useId, useRef, useState, type FormEvent } from 'react';
import type { HandoverView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { Field } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { StageChip } from '../detail/labels';
import { useExport } from '../journey/ExportDialog';
import { useReadFile } from '../journey/forms';
import { QrCode } from '../journey/QrCode';
import { recipientLabel } from '../journey/recipients';
import { BackLink, NotLoaded, useHeadingFocus } from '../journey/screen';
import { HandoverAckChip, Hash, ScreenHead, useAnnouncer, useEscapeBack, useLoad } from '../journey/shared';
import { JourneyTable, PersonCells, PersonHeads } from '../journey/tables';
import '../journey/journey.css';

/** One handover: who was handed to whom, the signed manifest, its package, and the receiver's acknowledgement. */
export function HandoverScreen({ handoverRef }: { handoverRef: string }) {
  const { t, locale } = useI18n();
  const handover = useLoad('handover.get', { handover: handoverRef });
  const heading = useHeadingFocus(handover.value !== null);
  const { announce, node } = useAnnouncer();
  const exporter = useExport(announce);
  useEscapeBack({ name: 'handovers' });

  const back = <BackLink href="#/handovers">{t('handover.back')}</BackLink>;
  if (!handover.value) return <NotLoaded error={handover.error} back={back} />;
  const h = handover.value;
  return (
    <div className="journey">
      {back}
      <ScreenHead
        headingRef={heading}
        title={
          <>
            {t('handover.title')} <span className="mono">{h.code}</span>{' '}
            <HandoverAckChip acknowledged={h.acknowledged} />
          </>
        }
        sub={
          <>
            <Country code={h.receivingCountry} /> · {h.agency} · {formatDateTime(h.handedAt, locale)}
          </>
        }
      />
      {node}
      <div className="j-batch-top">
        <section className="panel" aria-labelledby="ho-facts">
          <h2 id="ho-facts">{t('handover.receiver')}</h2>
          <dl className="facts">
            <dt>{t('handover.country')}</dt>
            <dd>
              <Country code={h.receivingCountry} />
            </dd>
            <dt>{t('handover.agency')}</dt>
            <dd>{h.agency}</dd>
            <dt>{t('handover.officialName')}</dt>
            <dd>{h.officialName}</dd>
            <dt>{t('handover.officialId')}</dt>
            <dd className="mono">{h.officialId}</dd>
            <dt>{t('handover.place')}</dt>
            <dd>{h.place}</dd>
            <dt>{t('handover.when')}</dt>
            <dd>{formatDateTime(h.handedAt, locale)}</dd>
            <dt>{t('handover.batch')}</dt>
            <dd>{h.batchCode ? <a className="mono" href={`#/batches/${encodeURIComponent(h.batchCode)}`}>{h.batchCode}</a> : '—'}</dd>
            <dt>{t('handover.recipient')}</dt>
            <dd>{h.recipient ? recipientLabel(t, h.recipient) : t('handover.noRecipient')}</dd>
          </dl>
        </section>
        <section className="panel j-manifest" aria-labelledby="ho-manifest">
          <h2 id="ho-manifest">{t('handover.manifest')}</h2>
          <div className="j-manifest-body">
            <div>
              <p className="label">{t('handover.sha')}</p>
              <p data-testid="manifest-sha">
                <Hash value={h.manifestSha256} />
              </p>
              <p className="hint">{t('handover.signedWith', { key: h.signingKeyId })}</p>
            </div>
            <QrCode text={h.manifestSha256} label={t('handover.qrLabel')} size={120} />
          </div>
          <p>{t('handover.exportBody')}</p>
          {exporter.trigger(t('handover.export'))}
        </section>
        <Acknowledgement
          handover={h}
          onDone={(view) => {
            handover.setValue(view);
            announce(t('handover.ackDone', { n: view.members.length }));
          }}
        />
      </div>
      <section className="panel" aria-labelledby="ho-members">
        <h2 id="ho-members">{t('handover.people', { n: h.members.length })}</h2>
        <JourneyTable
          testId="handover-members"
          head={
            <>
              <PersonHeads />
              <th scope="col">{t('detail.stageLabel')}</th>
            </>
          }
        >
          {h.members.map((m) => (
            <tr key={m.personId}>
              <PersonCells person={m} />
              <td>
                <StageChip stage={m.stage} />
              </td>
            </tr>
          ))}
        </JourneyTable>
      </section>
      {exporter.dialog({
        title: t('handover.exportTitle', { code: h.code }),
        intro: t('handover.exportIntro'),
        stored: h.recipient,
        country: h.receivingCountry,
        run: (target) => api('handover.export', { handover: h.code, ...target }),
      })}
    </div>
  );
}

/** The receiver's signed receipt: their countersignature of manifest.json (.minisig), or a scan of the signed paper. */
function Acknowledgement({ handover: h, onDone }: { handover: HandoverView; onDone: (view: HandoverView) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<'countersignature' | 'scan'>('countersignature');
  const [signerKey, setSignerKey] = useState('');
  const [note, setNote] = useState('');
  const [noFile, setNoFile] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const readFile = useReadFile();

  if (h.acknowledgement) {
    const a = h.acknowledgement;
    return (
      <section className="panel" aria-labelledby="ho-ack">
        <h2 id="ho-ack">{t('handover.ack')}</h2>
        <p className="alert ok" data-testid="acknowledged">
          {t('handover.ackRecorded', { kind: t(`ack.${a.kind}`), date: formatDateTime(a.at, locale), actor: a.by })}
        </p>
        <dl className="facts">
          {a.signer && (
            <>
              <dt>{t('handover.ackSigner')}</dt>
              <dd>{a.signer}</dd>
            </>
          )}
          {a.filename && (
            <>
              <dt>{t('handover.ackFile')}</dt>
              <dd>{a.filename}</dd>
            </>
          )}
          <dt>SHA-256</dt>
          <dd>
            <Hash value={a.sha256} />
          </dd>
          {a.note && (
            <>
              <dt>{t('field.note')}</dt>
              <dd>{a.note}</dd>
            </>
          )}
        </dl>
      </section>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const chosen = file.current?.files?.[0];
    setError(null);
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
    const result = await api('handover.acknowledge', {
      handover: h.code,
      kind,
      fileName: chosen.name || null,
      data: read.data,
      signerKey: kind === 'countersignature' && signerKey.trim() ? signerKey.trim() : null,
      note: note.trim() || null,
    });
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };

  return (
    <section className="panel" aria-labelledby="ho-ack">
      <h2 id="ho-ack">{t('handover.ack')}</h2>
      <p>{t('handover.ackBody')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <span className="label" id={`${id}-kind`}>
            {t('handover.ackKind')}
          </span>
          <div className="radios" role="radiogroup" aria-labelledby={`${id}-kind`}>
            {(['countersignature', 'scan'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name="ack-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {t(`ack.${k}`)}
              </label>
            ))}
          </div>
        </div>
        <Field
          label={kind === 'countersignature' ? t('handover.ackSigFile') : t('handover.ackScanFile')}
          htmlFor={`${id}-file`}
          error={noFile ? t('detail.chooseFile') : undefined}
        >
          <input
            id={`${id}-file`}
            ref={file}
            type="file"
            accept={kind === 'countersignature' ? '.minisig,.sig,text/plain' : 'image/jpeg,image/png,image/webp,application/pdf'}
            onChange={() => setNoFile(false)}
            aria-invalid={noFile || undefined}
          />
        </Field>
        {kind === 'countersignature' && !h.recipient?.signingPublicKey && (
          <Field label={t('handover.ackSignerKey')} htmlFor={`${id}-key`} hint={t('handover.ackSignerKeyHint')}>
            <input
              id={`${id}-key`}
              type="text"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              value={signerKey}
              onChange={(e) => setSignerKey(e.target.value)}
              aria-describedby={`${id}-key-hint`}
            />
          </Field>
        )}
        <Field label={t('field.note')} htmlFor={`${id}-note`}>
          <input id={`${id}-note`} type="text" autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <EngineError error={error} />
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? t('detail.working') : t('handover.ackSubmit')}
        </button>
        <p className="hint">{t('handover.ackCloses', { n: h.members.length })}</p>
      </form>
    </section>
  );
}
