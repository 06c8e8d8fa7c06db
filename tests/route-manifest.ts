import path from 'node:path'
import { UNSAFE_flatRoutes } from '@remix-run/dev'

// The app's routes as Remix's flat-routes convention reads app/routes/. Remix 2 offers that reading only as
// UNSAFE_flatRoutes (no public API lists the routes without building the app), so it is used here alone;
// route-classification.test.ts fails at once if its shape changes, because every route must then be found
// and classified.

export type RouteEntry = { id: string; path?: string; parentId?: string; file: string }
export const manifest = UNSAFE_flatRoutes(path.resolve('app'), [], 'routes') as Record<string, RouteEntry>

/** A route's URL pattern, its parents' segments included: `orgs/:org/clients/:clientId`. */
export function fullPath(id: string): string {
  const route = manifest[id]
  if (!route) return ''
  const parent = route.parentId && route.parentId !== 'root' ? fullPath(route.parentId) : ''
  return [parent, route.path].filter(Boolean).join('/')
}

/** The route module's absolute path, to import it. */
export const routeFile = (id: string) => path.resolve('app', manifest[id]!.file)
