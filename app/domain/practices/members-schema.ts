import { z } from 'zod'
import type { Role } from '~/generated/prisma/enums'

// The member forms' schemas (not .server: the page validates with them in the browser too).

export const roles = ['OWNER', 'ADMIN', 'COACH'] as const satisfies readonly Role[]

const InviteeEmail = z
  .string({ error: 'Enter the email address of the person to invite' })
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter an email address such as name@example.com').max(254, 'That email address is too long'))

export const MemberAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('invite'), email: InviteeEmail, role: z.enum(roles, { error: 'Choose a role' }) }),
  z.object({ intent: z.literal('change-role'), membershipId: z.string(), role: z.enum(roles) }),
  z.object({
    intent: z.literal('remove'),
    membershipId: z.string(),
    confirm: z.literal('yes', { error: 'Confirm the removal' }),
  }),
  z.object({ intent: z.literal('resend-invite'), inviteId: z.string() }),
  z.object({ intent: z.literal('revoke-invite'), inviteId: z.string() }),
])
