// Plain JavaScript, so Node can start it as a worker without a TypeScript loader (under
// `npm start` and under vitest alike); it loads the TypeScript worker through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./read-worker.ts', import.meta.url);
