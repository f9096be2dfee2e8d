import { useEffect, useState } from 'react';

/** Where the coordinator is; kept in the address fragment so Back works. */
export type Route =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'person'; ref: string }
  | { name: 'edit'; ref: string }
  | { name: 'import' }
  | { name: 'duplicates'; ref?: string | undefined }
  | { name: 'pair'; id: string; ref?: string | undefined }
  | { name: 'keys' }
  | { name: 'verification'; country?: string | undefined }
  | { name: 'verificationList'; ref: string }
  | { name: 'batches' }
  | { name: 'planBatch' }
  | { name: 'batch'; ref: string }
  | { name: 'checkoff'; ref: string }
  | { name: 'handovers' }
  | { name: 'newHandover'; batch?: string | undefined }
  | { name: 'handover'; ref: string }
  | { name: 'checkPackage' }
  | { name: 'sync' }
  | { name: 'syncConflicts' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [section, ref, sub] = path.split('/');
  const params = new URLSearchParams(query);
  const filter = params.get('ref') || undefined;
  const decoded = ref ? decodeURIComponent(ref) : '';
  if (section === 'new') return { name: 'new' };
  if (section === 'import') return { name: 'import' };
  if (section === 'person' && ref) return { name: 'person', ref: decoded };
  if (section === 'edit' && ref) return { name: 'edit', ref: decoded };
  if (section === 'duplicates' && ref) return { name: 'pair', id: decoded, ref: filter };
  if (section === 'duplicates') return { name: 'duplicates', ref: filter };
  if (section === 'keys') return { name: 'keys' };
  if (section === 'verification' && ref) return { name: 'verificationList', ref: decoded };
  if (section === 'verification') return { name: 'verification', country: params.get('country') || undefined };
  if (section === 'batches' && ref === 'new') return { name: 'planBatch' };
  if (section === 'batches' && ref && sub === 'checkoff') return { name: 'checkoff', ref: decoded };
  if (section === 'batches' && ref) return { name: 'batch', ref: decoded };
  if (section === 'batches') return { name: 'batches' };
  if (section === 'handovers' && ref === 'new') return { name: 'newHandover', batch: params.get('batch') || undefined };
  if (section === 'handovers' && ref === 'check') return { name: 'checkPackage' };
  if (section === 'handovers' && ref) return { name: 'handover', ref: decoded };
  if (section === 'handovers') return { name: 'handovers' };
  if (section === 'sync' && ref === 'conflicts') return { name: 'syncConflicts' };
  if (section === 'sync') return { name: 'sync' };
  return { name: 'list' };
}

const withRef = (ref: string | undefined) => (ref ? `?ref=${encodeURIComponent(ref)}` : '');
const enc = encodeURIComponent;

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/people';
    case 'new':
      return '#/new';
    case 'import':
      return '#/import';
    case 'person':
      return `#/person/${enc(route.ref)}`;
    case 'edit':
      return `#/edit/${enc(route.ref)}`;
    case 'duplicates':
      return `#/duplicates${withRef(route.ref)}`;
    case 'pair':
      return `#/duplicates/${enc(route.id)}${withRef(route.ref)}`;
    case 'keys':
      return '#/keys';
    case 'verification':
      return `#/verification${route.country ? `?country=${enc(route.country)}` : ''}`;
    case 'verificationList':
      return `#/verification/${enc(route.ref)}`;
    case 'batches':
      return '#/batches';
    case 'planBatch':
      return '#/batches/new';
    case 'batch':
      return `#/batches/${enc(route.ref)}`;
    case 'checkoff':
      return `#/batches/${enc(route.ref)}/checkoff`;
    case 'handovers':
      return '#/handovers';
    case 'newHandover':
      return `#/handovers/new${route.batch ? `?batch=${enc(route.batch)}` : ''}`;
    case 'handover':
      return `#/handovers/${enc(route.ref)}`;
    case 'checkPackage':
      return '#/handovers/check';
    case 'sync':
      return '#/sync';
    case 'syncConflicts':
      return '#/sync/conflicts';
  }
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
