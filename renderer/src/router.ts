import { useEffect, useState } from 'react';

/** Where the coordinator is; kept in the address fragment so Back works. */
export type Route =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'person'; ref: string }
  | { name: 'edit'; ref: string }
  | { name: 'import' }
  | { name: 'duplicates'; ref?: string | undefined }
  | { name: 'pair'; id: string; ref?: string | undefined };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [section, ref] = path.split('/');
  const filter = new URLSearchParams(query).get('ref') || undefined;
  if (section === 'new') return { name: 'new' };
  if (section === 'import') return { name: 'import' };
  if (section === 'person' && ref) return { name: 'person', ref: decodeURIComponent(ref) };
  if (section === 'edit' && ref) return { name: 'edit', ref: decodeURIComponent(ref) };
  if (section === 'duplicates' && ref) return { name: 'pair', id: decodeURIComponent(ref), ref: filter };
  if (section === 'duplicates') return { name: 'duplicates', ref: filter };
  return { name: 'list' };
}

const withRef = (ref: string | undefined) => (ref ? `?ref=${encodeURIComponent(ref)}` : '');

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/people';
    case 'new':
      return '#/new';
    case 'import':
      return '#/import';
    case 'person':
      return `#/person/${encodeURIComponent(route.ref)}`;
    case 'edit':
      return `#/edit/${encodeURIComponent(route.ref)}`;
    case 'duplicates':
      return `#/duplicates${withRef(route.ref)}`;
    case 'pair':
      return `#/duplicates/${encodeURIComponent(route.id)}${withRef(route.ref)}`;
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
