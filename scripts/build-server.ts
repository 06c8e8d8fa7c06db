import path from 'node:path'
import { build } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

// The second half of `npm run build`: server/main.ts and server/worker.ts as plain JavaScript in build/start/, so that
// `npm start` and `npm run worker` run on node alone. Under tsx's loader every module the process loads, the app's
// 1.7 MB build among them, passes through the loader and is kept in memory with its source map: about 200 MB of
// each web process (docs/decisions/0047). Packages stay in node_modules; the app's own modules are bundled.

const root = path.resolve(import.meta.dirname, '..')
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  plugins: [tsconfigPaths()],
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'build/start',
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: { main: path.join(root, 'server/main.ts'), worker: path.join(root, 'server/worker.ts') },
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
})
console.log('Server entry points written to build/start/ (main.js, worker.js).')
