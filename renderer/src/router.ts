import { useEffect, useState } from 'react';

/** Where the coordinator is; kept in the address fragment so Back works. */
export type Route = { name: 'list' } | { name: 'new' } | { name: 'person'; ref: string } | { name: 'edit'; ref: string };

export function parseRoute(hash: string): Route {
  const [section, ref] = hash.replace(/^#\/?/, '').split('/');
  if (section === 'new') return { name: 'new' };
  if (section === 'person' && ref) return { name: 'person', ref: decodeURIComponent(ref) };
  if (section === 'edit' && ref) return { name: 'edit', ref: decodeURIComponent(ref) };
  return { name: 'list' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/people';
    case 'new':
      return '#/new';
    case 'person':
      return `#/person/${encodeURIComponent(route.ref)}`;
    case 'edit':
      return `#/edit/${encodeURIComponent(route.ref)}`;
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
