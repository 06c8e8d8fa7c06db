/**
 * A practice's page: `orgPath(slug, 'clients', id)` is `/orgs/<slug>/clients/<id>`. Segments are joined
 * as given (ids and slugs are URL-safe); a query or a hash goes after it.
 */
export function orgPath(slug: string, ...segments: string[]) {
  return ['/orgs', slug, ...segments].join('/')
}
