import type { RecipientView } from '../../../../src/api/journey-views';
import { useI18n, type Translate } from '../../i18n';

/** How an export reaches a recipient: their key, or a passphrase agreed with them. */
export function recipientKindLabel(t: Translate, kind: RecipientView['kind']): string {
  return kind === 'x25519' ? t('recipient.kind.key') : t('recipient.kind.passphrase');
}

/** A recipient as a list or handover names it: its name and kind, and whether it was removed since. */
export function recipientLabel(t: Translate, r: RecipientView): string {
  return [r.name, recipientKindLabel(t, r.kind), r.removed ? t('recipient.removedMark') : null].filter(Boolean).join(' · ');
}

/** The recipients that serve a country: its own, and those with no country. */
export function recipientsFor(recipients: readonly RecipientView[] | null, country: string): RecipientView[] {
  return (recipients ?? []).filter((r) => !r.country || r.country === country);
}

/** The options of a recipient select: none (`noneLabel`), then each recipient with how it is reached. */
export function RecipientOptions({ recipients, noneLabel }: { recipients: readonly RecipientView[]; noneLabel: string }) {
  const { t } = useI18n();
  return (
    <>
      <option value="">{noneLabel}</option>
      {recipients.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name} · {recipientKindLabel(t, r.kind)}
        </option>
      ))}
    </>
  );
}
