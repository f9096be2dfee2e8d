// Worker entry when Homeward runs from source: load the TypeScript engine
// through tsx (a worker does not inherit the parent's loader). The packaged
// app points its worker at the bundled engine instead.
import { register } from 'tsx/esm/api';

register();
await import('./engine-worker.ts');
