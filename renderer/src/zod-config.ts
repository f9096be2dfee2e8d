import { z } from 'zod';

// zod probes for eval (new Function) when a schema is created, to compile
// faster parsers; the CSP forbids eval, so tell it not to ask. This module is
// imported first so the setting is in place before any schema exists.
z.config({ jitless: true });
