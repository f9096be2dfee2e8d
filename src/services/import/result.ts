/**
 * What every value parser returns. A refusal carries a sentence the
 * coordinator can act on in the preview ("Write the full year…"), never a
 * code; an acceptance may carry a note the preview shows next to the value
 * ("converted from BE 2568").
 */
export type Parsed<T, Extra extends object = object> =
  | ({ ok: true; value: T; note?: string } & Extra)
  | { ok: false; reason: string };

export const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Shows the cell in a refusal, shortened so one bad cell cannot flood the preview. */
export const quote = (s: string): string => `“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”`;
