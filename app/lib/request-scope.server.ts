import { AsyncLocalStorage } from 'node:async_hooks'

// One HTTP request's scope, for lookups its loaders share. Remix gives every loader of a request its own copy of
// the Request (without `?index` and `?_routes`), so a WeakMap keyed by the Request misses: the practice layout's
// loader and the page's looked the session and the membership up once each. server/web.ts runs each request in a
// scope of its own; the scope ends with the request, so nothing is kept across requests (a revoked session or a
// removed member is refused on the next request, in any process).
//
// The storage lives on globalThis: server/web.ts and the app's build are separate copies of this module.

type Scope = Map<unknown, unknown>

const storageKey = Symbol.for('rebound.requestScope')
const global = globalThis as unknown as Record<symbol, AsyncLocalStorage<Scope> | undefined>
const storage: AsyncLocalStorage<Scope> = (global[storageKey] ??= new AsyncLocalStorage<Scope>())

/** Runs `handle` (one HTTP request) in a scope of its own. */
export function runInRequestScope<T>(handle: () => T): T {
  return storage.run(new Map(), handle)
}

/**
 * The current HTTP request's scope for reads (GET and HEAD: a page's loaders), where lookups are kept under a key of
 * the caller's. Undefined outside a scope (tests calling loaders, scripts) and for an action (a POST): an action and
 * the loaders Remix runs after it in the same HTTP request never share, so a loader reads what the action left.
 */
export function requestScope(request: Request): Scope | undefined {
  return request.method === 'GET' || request.method === 'HEAD' ? storage.getStore() : undefined
}

/** A lookup (the session, the membership) that the loaders of one request, running in parallel, make once. */
export function oncePerRequest<T>(load: (request: Request) => Promise<T>) {
  const key = Symbol('once per request')
  const pending = new WeakMap<Request, Promise<T>>()
  return (request: Request): Promise<T> => {
    const scope = requestScope(request)
    let lookup = (scope ? scope.get(key) : pending.get(request)) as Promise<T> | undefined
    if (!lookup) {
      lookup = load(request)
      if (scope) scope.set(key, lookup)
      else pending.set(request, lookup)
    }
    return lookup
  }
}
