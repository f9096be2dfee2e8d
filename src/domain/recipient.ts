import { z } from 'zod';
import { countryCode } from './person';

/** Who an export is encrypted to: an age key confirmed by fingerprint, or a passphrase agreed out of band. */
export const recipientInputSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'Name the recipient, e.g. "Embassy of Indonesia, Bangkok".' }).max(200),
    country: countryCode.optional().nullable(),
    agency: z.string().trim().max(200).optional().nullable(),
    /** an age1… key; absent for a passphrase recipient */
    ageRecipient: z.string().trim().optional().nullable(),
    /** the fingerprint the owner read out, to confirm the key; required with a key */
    fingerprint: z.string().trim().optional().nullable(),
    /** the receiver's minisign public key, to check countersignatures */
    signingPublicKey: z.string().trim().optional().nullable(),
    note: z.string().trim().max(2000).optional().nullable(),
  })
  .strict();
export type RecipientInput = z.input<typeof recipientInputSchema>;

/** Anyone who finds an exported file can try to guess its passphrase: at least this many characters. */
export const MIN_EXPORT_PASSPHRASE = 12;
