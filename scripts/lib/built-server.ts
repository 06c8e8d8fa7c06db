// What `npm run build` writes for `npm start` and `npm run worker` (scripts/build-server.ts), for the scripts and tests
// that start the production app themselves: node runs these directly, with no TypeScript loader.
export const builtServer = { web: 'build/start/main.js', worker: 'build/start/worker.js' } as const
