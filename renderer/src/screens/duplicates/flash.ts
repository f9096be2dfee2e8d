import type { Params } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

/**
 * What was just decided, carried from the pair screen to the next screen and
 * shown once. Kept as a key, so it reads in the language chosen meanwhile.
 */
export interface Flash {
  key: MessageKey;
  params?: Params;
}

let flash: Flash | null = null;

export function setFlash(next: Flash): void {
  flash = next;
}

export function takeFlash(): Flash | null {
  const taken = flash;
  flash = null;
  return taken;
}
