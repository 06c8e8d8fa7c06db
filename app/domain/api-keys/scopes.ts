// What an API key may do: read or write, per resource. No database here: the settings form uses it too.

export const apiResources = ['clients', 'applications', 'tasks', 'checkins', 'insights'] as const
export type ApiResource = (typeof apiResources)[number]
export type ApiScope = `${ApiResource}:${'read' | 'write'}`

export const apiScopes = apiResources.flatMap((r) => [`${r}:read`, `${r}:write`] as const) as ApiScope[]

export const apiResourceLabels: Record<ApiResource, string> = {
  clients: 'Clients and notes',
  applications: 'Applications, stage events and rejections',
  tasks: 'Tasks',
  checkins: 'Check-ins',
  insights: 'Insights and caseload figures',
}

/** Write includes read: a key that may change a record may also read it back. */
export function hasScope(scopes: readonly string[], needed: ApiScope) {
  if (scopes.includes(needed)) return true
  const [resource, level] = needed.split(':')
  return level === 'read' && scopes.includes(`${resource}:write`)
}

/** Every key starts with this, so a leaked key is recognisable (and secret scanners can look for it). */
export const apiKeyPrefix = 'rb_live_'
