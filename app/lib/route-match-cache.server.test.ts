import { matchRoutes } from '@remix-run/router'
import { describe, expect, test } from 'vitest'
import { rememberingMatchRoutes } from './route-match-cache.server'

// A tree like the app's (a layout, the practice's pages, params, an index, an optional segment, a splat), built
// afresh for each "request" as Remix does.
const tree = () => [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'home', index: true },
      {
        id: 'org',
        path: 'orgs/:org',
        children: [
          { id: 'org-index', index: true },
          { id: 'clients', path: 'clients' },
          { id: 'client', path: 'clients/:clientId' },
          { id: 'client-edit', path: 'clients/:clientId/edit' },
          { id: 'apps', path: 'applications/:view?' },
        ],
      },
      { id: 'api', path: 'api/v1/*' },
      { id: 'Caps', path: 'About', caseSensitive: true },
    ],
  },
]

const paths = [
  '/',
  '/orgs',
  '/orgs/bench',
  '/orgs/bench/clients',
  '/orgs/bench/clients/c%20one',
  '/orgs/other/clients/c2/edit',
  '/orgs/bench/applications',
  '/orgs/bench/applications/board',
  '/api/v1/clients/x/y',
  '/About',
  '/about',
  '/nowhere/at/all',
]

describe('the remembering matchRoutes', () => {
  test('answers as React Router does, first time and after, on each request’s own route objects', () => {
    const remembering = rememberingMatchRoutes(matchRoutes as never)
    for (let request = 0; request < 3; request++) {
      const routes = tree()
      for (const path of paths) {
        const expected = matchRoutes(routes, path)
        const got = remembering(routes, path)
        expect(got, path).toEqual(expected)
        got?.forEach((match, i) => expect(match.route).toBe(expected![i]!.route))
        if (got) expect(new Set(got.map((m) => m.params)).size).toBe(1)
        expect(remembering(routes, { pathname: path }), path).toEqual(matchRoutes(routes, { pathname: path }))
        expect(remembering(routes, path, '/orgs'), path).toEqual(matchRoutes(routes, path, '/orgs'))
      }
    }
  })

  test('a change to a request’s params stays with that request', () => {
    const remembering = rememberingMatchRoutes(matchRoutes as never)
    const first = remembering(tree(), '/orgs/bench/clients/c1')!
    first[0]!.params.clientId = 'changed'
    expect(remembering(tree(), '/orgs/bench/clients/c1')![0]!.params.clientId).toBe('c1')
  })

  test('a tree of another shape is matched on its own', () => {
    const remembering = rememberingMatchRoutes(matchRoutes as never)
    expect(remembering(tree(), '/orgs/bench/clients')!.at(-1)!.route.id).toBe('clients')
    const other = tree()
    other[0]!.children![1]!.children![1]!.path = 'people'
    expect(remembering(other, '/orgs/bench/clients')).toBeNull()
    expect(remembering(other, '/orgs/bench/people')!.at(-1)!.route.id).toBe('clients')
  })
})
