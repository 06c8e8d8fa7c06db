import cluster from 'node:cluster'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import type * as AppEntry from '~/entry.server'
import compression from 'compression'
import express from 'express'
import { openDatabase } from '~/lib/database.server'
import { getEnv } from '~/lib/env.server'
import { loggablePath, logger } from '~/lib/logger.server'
import { importLimits } from '~/domain/imports/limits'
import { runInRequestScope } from '~/lib/request-scope.server'
import { bodyLimit, crossSiteGuard, noStoreByDefault, securityHeaders } from './security'
import { admission } from './admission'

// One web process: the embedded database when DATABASE_URL is unset, the Remix app, and (unless
// RUN_JOBS=false) the job workers. server/main.ts runs one of these, or several under node:cluster.

const dev = process.argv.includes('--dev')
const env = getEnv()

const database = await openDatabase().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', 'loopback')

/** Set on SIGTERM: responses from then on ask their client to close the connection (see shutdown below). */
let closing = false

app.use((req, res, next) => {
  if (closing) res.setHeader('Connection', 'close')
  const incoming = req.get('x-request-id')
  const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID()
  res.locals.requestId = requestId
  res.setHeader('X-Request-Id', requestId)
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    if (req.path.startsWith('/assets/')) return
    logger.info(
      {
        requestId,
        method: req.method,
        path: loggablePath(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    )
  })
  next()
})
// Before anything reads a body: small for forms and webhooks, the import limit for the upload form
// (with room for the form's other fields, so a file just over the limit gets the page's own message).
app.use(
  bodyLimit({
    defaultBytes: 128 * 1024,
    routes: [{ path: /^\/orgs\/[^/]+\/imports(\.data)?\/?$/, bytes: importLimits.maxBytes + 1024 * 1024 }],
    problemJson: /^\/api\//,
  }),
)
// Level 1: a third of the default level's CPU for pages about 15 % larger (the profile in BENCHMARKS.md). Behind a
// load balancer that compresses, HTTP_COMPRESSION=false leaves it to that (and the CPU to the pages).
if (env.HTTP_COMPRESSION) app.use(compression({ level: 1 }))
app.use(securityHeaders({ production: env.NODE_ENV === 'production' && env.APP_URL.startsWith('https:'), dev }))
// The JSON API is exempt: it reads only a Bearer key, never a cookie, so a cross-site page gains nothing there.
app.use(
  crossSiteGuard({
    appOrigin: new URL(env.APP_URL).origin,
    exempt: [/^\/webhooks\//, /^\/unsubscribe\//, /^\/api\/v1\//],
  }),
)

type AppEntryModule = Pick<typeof AppEntry, 'startJobs' | 'disconnectPrisma'>

// Development: a function, so each request sees Vite's latest modules. Production: the build itself, so the server
// runtime derives its route tree and static handler once, not on every request (Remix re-derives them per request
// when given a function: about a twentieth of a table page's CPU, BENCHMARKS.md "The seventh pass").
let build: ServerBuild | (() => Promise<ServerBuild>)
if (dev) {
  const vite = await import('vite')
  const viteServer = await vite.createServer({ server: { middlewareMode: true } })
  app.use(viteServer.middlewares)
  build = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
} else {
  // The app's build: beside server/ when this runs from source, the folder above when it runs from build/start/
  // (npm start: scripts/build-server.ts).
  const here = import.meta.dirname
  const builtHere = path.basename(here) === 'start' && path.basename(path.dirname(here)) === 'build'
  const buildDir = builtHere ? path.dirname(here) : path.resolve(here, '../build')
  app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }))
  // The build's files at the root (favicon.svg): only a root path with an extension looks on disk, so a page's
  // request costs no file lookup.
  const rootFiles = express.static(path.join(buildDir, 'client'), { maxAge: '1h' })
  app.use((req, res, next) => (/^\/[^/]+\.\w+$/.test(req.path) ? rootFiles(req, res, next) : next()))
  build = (await import(path.join(buildDir, 'server/index.js'))) as ServerBuild
}

app.use(noStoreByDefault())
// Pages (not the static files above) a few at a time per process, the rest in arrival order.
app.use(admission(env.MAX_CONCURRENT_REQUESTS))
const remix = createRequestHandler({
  build,
  mode: env.NODE_ENV,
  getLoadContext: (req, res) => ({
    clientIp: req.ip,
    requestId: res.locals.requestId as string,
    cspNonce: res.locals.cspNonce as string,
  }),
})
// Each request in a scope of its own: its loaders share one lookup of the session and the membership.
app.all('*', (req, res, next) => runInRequestScope(() => remix(req, res, next)))

// Jobs start from the build's own entry module: the copy of the app that serves requests is the one
// whose job queue app code reaches (docs/decisions/0016-one-job-queue-per-process.md).
const appEntry = (typeof build === 'function' ? await build() : build).entry.module as unknown as AppEntryModule
const jobs = env.RUN_JOBS ? await appEntry.startJobs() : null

const server = app.listen(env.PORT, () => {
  // Under node:cluster the primary prints the banner once for all its workers.
  if (cluster.isWorker) return
  console.log(
    `Rebound is running on ${env.APP_URL} (port ${env.PORT}${database.dataDir ? ', embedded database' : ''}).`,
  )
  // The demo password is printed for a development server only: a production banner never names one.
  if (env.NODE_ENV !== 'production')
    console.log(
      'Demo logins (after npm run setup): owner@northstar.test, coach@northstar.test, coach2@northstar.test; password rebound-demo',
    )
})

async function shutdown(signal: string) {
  if (closing) return
  closing = true
  logger.info({ signal }, 'shutting down')
  // Pages being served finish before the database closes (at most 10 s): a restart ends no request with a 500. A
  // client keeping its connection open (a load balancer, a browser) gets `Connection: close` on its next response
  // and opens its next connection elsewhere; whatever is still open after 10 s is closed before the database is.
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    setTimeout(resolve, 10_000).unref()
  })
  server.closeAllConnections()
  await jobs?.stop().catch(() => {})
  await appEntry.disconnectPrisma().catch(() => {})
  await database.stop().catch(() => {})
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
