import { createRequire } from 'node:module'

// Remix matches the URL against the whole route tree several times for each page it renders: the server runtime
// once, React Router's <Routes> once, and <Scripts> once for the page and once for each parent path (to send the
// browser the part of the route manifest it needs, lazy route discovery). Each match flattens and ranks every
// route of the app and compiles a regular expression per route tried: about a tenth of a table page's CPU
// (BENCHMARKS.md, "Where a request's CPU goes"). The tree is the same on every request of a build, so the answer
// for a path is too: this remembers which routes matched (by id) and rebuilds the matches on the request's own
// route objects. docs/decisions/0045-route-match-cache.md.

type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] }
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route }
type MatchRoutes = (routes: Route[], location: string | { pathname?: string }, basename?: string) => Match[] | null
type Remembered = { ids: string[]; params: Match['params']; paths: [string, string][] } | null

/** Entries kept: the paths of table pages repeat; the ids in detail pages' paths make most of the rest. */
const LIMIT = 2_000
const remembered = new Map<string, Remembered>()
/** Each tree seen, by its shape: its routes by id, and a short key for the shape (null: not one we can key). */
const trees = new WeakMap<Route[], { key: string; byId: Map<string, Route> } | null>()
const shapes = new Map<string, string>()

function treeOf(routes: Route[]) {
  let tree = trees.get(routes)
  if (tree !== undefined) return tree
  const byId = new Map<string, Route>()
  const parts: string[] = []
  let keyable = true
  const walk = (list: Route[], depth: number) => {
    for (const route of list) {
      if (typeof route.id !== 'string' || byId.has(route.id)) keyable = false
      else byId.set(route.id, route)
      parts.push(
        `${depth}\u0000${route.id}\u0000${route.path ?? ''}\u0000${route.index ? 1 : 0}${route.caseSensitive ? 1 : 0}`,
      )
      if (route.children) walk(route.children, depth + 1)
    }
  }
  walk(routes, 0)
  if (keyable) {
    const shape = parts.join('\u0001')
    let key = shapes.get(shape)
    if (key === undefined) shapes.set(shape, (key = String(shapes.size)))
    tree = { key, byId }
  } else tree = null
  trees.set(routes, tree)
  return tree
}

/** `matchRoutes` with its answers remembered per route tree, path and basename. */
export function rememberingMatchRoutes(matchRoutes: MatchRoutes): MatchRoutes {
  return (routes, location, basename) => {
    const tree = Array.isArray(routes) ? treeOf(routes) : null
    const pathname = typeof location === 'string' ? location : location?.pathname
    // Strings with a query or a hash, or anything unusual, go straight through.
    if (!tree || typeof pathname !== 'string' || (typeof location === 'string' && /[?#]/.test(location)))
      return matchRoutes(routes, location, basename)
    const key = `${tree.key}\u0000${basename ?? '/'}\u0000${pathname}`
    let known = remembered.get(key)
    if (known === undefined) {
      const matches = matchRoutes(routes, location, basename)
      known = matches && {
        ids: matches.map((m) => m.route.id!),
        params: { ...matches[0]?.params },
        paths: matches.map((m) => [m.pathname, m.pathnameBase]),
      }
      if (remembered.size >= LIMIT) remembered.delete(remembered.keys().next().value!)
      remembered.set(key, known)
      return matches
    }
    if (!known) return null
    // One params object shared by every match, as React Router builds them.
    const params = { ...known.params }
    return known.ids.map((id, i) => ({
      params,
      pathname: known.paths[i]![0],
      pathnameBase: known.paths[i]![1],
      route: tree.byId.get(id)!,
    }))
  }
}

let installed = false

/**
 * Puts the remembering `matchRoutes` in place of React Router's for every module that calls it through the
 * package's exports (the server runtime, <Routes>, <Scripts>). Once per process.
 */
export function installRouteMatchCache() {
  if (installed) return
  installed = true
  const router = createRequire(import.meta.url)('@remix-run/router') as { matchRoutes: MatchRoutes }
  router.matchRoutes = rememberingMatchRoutes(router.matchRoutes)
}
