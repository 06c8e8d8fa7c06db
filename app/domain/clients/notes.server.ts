import { z } from 'zod'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { requiredText } from '../form-fields'

// A coach's private notes on a client. Never shown to the client.

export const NoteInput = z.object({
  body: requiredText('Write the note first', 5000, 'Keep a note under 5,000 characters'),
})

export async function addNote(t: TenantContext, clientId: string, input: z.infer<typeof NoteInput>) {
  const client = await t.db.client.findFirst({ where: { id: clientId }, select: { id: true } })
  if (!client) return null
  return t.db.note.create({
    data: { organizationId: t.org.id, clientId: client.id, authorId: t.user.id, body: input.body },
  })
}

export function listNotes(t: TenantContext, clientId: string) {
  return t.db.note.findMany({
    where: { clientId },
    orderBy: { createdAt: 'desc' },
    take: 50,
    include: { author: { select: { name: true } } },
  })
}
