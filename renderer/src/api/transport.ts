import type { HomewardBridge } from '../../../src/api/bridge';
import { CALL_NAMES, type CallName, type CallOutput, type Result } from '../../../src/api/contract';

declare global {
  interface Window {
    /** set by the Electron preload; absent in a plain browser */
    homeward?: HomewardBridge;
  }
}

const TOKEN_KEY = 'homeward.token';

/**
 * In a plain browser, the loopback host hands the per-launch token in the URL
 * fragment (never sent to a server). Keep it for this tab only and remove it
 * from the address bar so it is not bookmarked or shared.
 */
function browserToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpBridge(): HomewardBridge {
  const token = browserToken();
  const call = async (name: CallName, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'Homeward is not answering. Check that it is still running, then reload this page.' } };
    }
  };
  return Object.fromEntries(CALL_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as HomewardBridge;
}

/** True inside the Electron window (the preload set up the bridge), false in a plain browser. */
export const inDesktopApp = window.homeward !== undefined;

export const bridge: HomewardBridge = window.homeward ?? httpBridge();

/** Typed call through whichever bridge this window has. */
export function api<K extends CallName>(name: K, input: Parameters<HomewardBridge[K]>[0]): Promise<Result<CallOutput<K>>> {
  return (bridge[name] as (i: unknown) => Promise<Result<CallOutput<K>>>)(input);
}
