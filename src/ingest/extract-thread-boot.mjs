// Entry of an extraction thread: the TypeScript sources run through tsx, as in bin/rasad.js
// (module hooks registered in the main thread do not reach worker threads on Node 20).
import { register } from 'tsx/esm/api';

register();
await import('./extract-thread.ts');
