import type { ClientStatus } from '~/generated/prisma/enums'
export type { ClientStatus }

// The client statuses and their words; no zod, so list pages stay light.

export const clientStatuses = ['ACTIVE', 'PAUSED', 'PLACED', 'ARCHIVED'] as const satisfies readonly ClientStatus[]
export const clientStatusLabels: Record<ClientStatus, string> = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  PLACED: 'Placed',
  ARCHIVED: 'Archived',
}
