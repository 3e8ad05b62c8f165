// The worker's first module, plain JavaScript so that it loads without any loader: it registers tsx
// (under `tsx server/main.ts` and under Vitest alike, the worker starts without one) and then runs
// the TypeScript host, which imports the task module it was given.
import { register } from 'tsx/esm/api';

register();
await import('./worker-host.ts');
