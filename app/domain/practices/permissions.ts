import type { Role } from '~/generated/prisma/enums'

// One map from role to what it may do. The server checks it (requirePermission) and the UI
// asks the same map (can) to show or hide actions. No database here: it ships to the browser.

const coach = [
  'clients:read',
  'clients:write',
  'applications:write',
  'tasks:assign',
  'notes:write',
  'insights:manage',
  'digests:send',
  'imports:run',
] as const

const admin = [
  ...coach,
  'members:manage',
  'practice:settings',
  'audit:read',
  'clients:erase',
  'cohorts:manage',
  'fields:manage',
] as const

// Only an owner makes or unmakes owners and admins (./members.server.ts), sets single sign-on, and
// shares a cohort's report with its sponsor (domain/outcomes/sponsor-links.server.ts).
const owner = [...admin, 'members:manage-admins', 'sso:manage', 'sponsors:share'] as const

/** Every permission: the owner holds them all. */
export const permissions: readonly Permission[] = owner
export type Permission = (typeof owner)[number]

export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(owner),
  ADMIN: new Set(admin),
  COACH: new Set(coach),
}

export function can(role: Role | null | undefined, permission: Permission) {
  return role ? rolePermissions[role].has(permission) : false
}

export const roleLabels: Record<Role, string> = { OWNER: 'Owner', ADMIN: 'Admin', COACH: 'Coach' }
