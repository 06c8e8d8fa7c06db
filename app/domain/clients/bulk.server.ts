import { startReadingAsCoach } from '../conversations/unread.server'
import { z } from 'zod'
import { taskTypes } from '../tasks/tasks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { recordTenantEvent } from '../practices/audit.server'
import { InputError } from '~/lib/input-error'
import { assignTask, taskPrefill } from '../tasks/tasks.server'
import { emailInviteLink } from './access-links.server'
import { addClientsToCohort } from '../cohorts/cohorts.server'
import { setFieldForClients } from '../client-fields/client-field-values.server'
import { formatFieldValue } from '../client-fields/client-field-input'
import { requiredText } from '../form-fields'

// Acting on several clients at once from the roster: email invite links, assign a task, change the
// coach, pause, add to a cohort, set a custom field. The clients are read through the door, so a coach limited to their own clients acts
// on their own only; ids the door does not show are counted as "not found" and never touched.
// Changing the coach and pausing are one transaction each; invites are sent one by one and the
// result says what happened for each client. Every action leaves one audit entry naming the clients.

/** The most clients one bulk action takes: a roster page is 25, "select all" picks a page. */
export const BULK_MAX = 100

const clientIds = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z
    .array(z.string().min(1).max(64), { error: 'Choose at least one client' })
    .min(1, 'Choose at least one client')
    .max(BULK_MAX, `Choose at most ${BULK_MAX} clients at a time`),
)

export const BulkActionInput = z.discriminatedUnion('bulk', [
  z.object({ bulk: z.literal('invite'), clientIds }),
  z.object({ bulk: z.literal('pause'), clientIds }),
  z.object({
    bulk: z.literal('coach'),
    clientIds,
    coachId: z.string({ error: 'Choose a coach' }).min(1, 'Choose a coach').max(64),
  }),
  z.object({
    bulk: z.literal('cohort'),
    clientIds,
    cohortId: z.string({ error: 'Choose a cohort' }).min(1, 'Choose a cohort').max(64),
  }),
  z.object({
    bulk: z.literal('field'),
    clientIds,
    fieldId: z.string({ error: 'Choose a field' }).min(1, 'Choose a field').max(64),
    /** Empty clears the field; several values for a multiple choice. */
    value: z.preprocess(
      (v) => (v === undefined ? [] : typeof v === 'string' ? [v] : v),
      z.array(z.string().max(1_000, 'Use at most 200 characters')).max(60, 'Choose fewer values'),
    ),
  }),
  z.object({
    bulk: z.literal('task'),
    clientIds,
    type: z.enum(taskTypes, { error: 'Choose a type of task' }),
    title: requiredText('Enter a title', 200, 'Use at most 200 characters'),
    dueOn: z.string({ error: 'Choose a due date' }).max(10),
  }),
])
export type BulkActionInput = z.output<typeof BulkActionInput>

export type BulkOutcome = { clientId: string; name: string; ok: boolean; message: string }
export type BulkResult = { done: number; outcomes: BulkOutcome[]; notFound: number }

export class BulkInputError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'BulkInputError'
  }
}

export async function runBulkAction(
  t: TenantContext,
  input: BulkActionInput,
  appUrl: string,
  now = new Date(),
): Promise<BulkResult> {
  const ids = [...new Set(input.clientIds)]
  const clients = await t.db.client.findMany({
    where: { id: { in: ids } },
    include: { coach: { select: { id: true, name: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  })
  const notFound = ids.length - clients.length
  const outcomes: BulkOutcome[] = []
  const target = { type: 'Client', id: null }
  const named = clients.map((c) => ({ id: c.id, name: c.name }))

  switch (input.bulk) {
    case 'invite': {
      for (const client of clients) {
        if (client.status === 'ARCHIVED') {
          outcomes.push({ clientId: client.id, name: client.name, ok: false, message: 'Archived: no invite sent' })
          continue
        }
        if (client.emailSuppressedAt) {
          outcomes.push({
            clientId: client.id,
            name: client.name,
            ok: false,
            message: 'Email to this client has stopped: no invite sent',
          })
          continue
        }
        await emailInviteLink(t, client, appUrl, now)
        outcomes.push({
          clientId: client.id,
          name: client.name,
          ok: true,
          message: `Invite emailed to ${client.email}`,
        })
      }
      const sent = outcomes.filter((o) => o.ok)
      if (sent.length)
        await recordTenantEvent(t, 'clients.bulk_invited', target, {
          clients: named.filter((c) => sent.some((o) => o.clientId === c.id)),
        })
      return { done: sent.length, outcomes, notFound }
    }
    case 'pause': {
      const toPause = clients.filter((c) => c.status === 'ACTIVE')
      if (toPause.length)
        await t.db.client.updateMany({ where: { id: { in: toPause.map((c) => c.id) } }, data: { status: 'PAUSED' } })
      for (const client of clients)
        outcomes.push({
          clientId: client.id,
          name: client.name,
          ok: client.status === 'ACTIVE',
          message: client.status === 'ACTIVE' ? 'Paused' : `Left as ${client.status.toLowerCase()}`,
        })
      if (toPause.length)
        await recordTenantEvent(t, 'clients.bulk_paused', target, {
          clients: toPause.map((c) => ({ id: c.id, name: c.name })),
        })
      return { done: toPause.length, outcomes, notFound }
    }
    case 'coach': {
      const coach = await t.db.membership.findFirst({
        where: { userId: input.coachId },
        include: { user: { select: { id: true, name: true } } },
      })
      if (!coach) throw new BulkInputError('coachId', 'Choose a member of this practice as the coach')
      const toMove = clients.filter((c) => c.coachId !== coach.user.id)
      if (toMove.length)
        await t.db.client.updateMany({
          where: { id: { in: toMove.map((c) => c.id) } },
          data: { coachId: coach.user.id },
        })
      await startReadingAsCoach(
        t,
        toMove.map((c) => c.id),
        coach.user.id,
      )
      for (const client of clients) {
        const moved = client.coachId !== coach.user.id
        outcomes.push({
          clientId: client.id,
          name: client.name,
          ok: moved,
          message: moved ? `Now coached by ${coach.user.name}` : `Already coached by ${coach.user.name}`,
        })
      }
      if (toMove.length)
        await recordTenantEvent(t, 'clients.bulk_coach_changed', target, {
          coach: { id: coach.user.id, name: coach.user.name },
          clients: toMove.map((c) => ({ id: c.id, name: c.name, from: c.coach?.name ?? null })),
        })
      return { done: toMove.length, outcomes, notFound }
    }
    case 'cohort': {
      try {
        const { cohort, added } = await addClientsToCohort(t, input.cohortId, ids)
        for (const client of clients)
          outcomes.push({
            clientId: client.id,
            name: client.name,
            ok: added.has(client.id),
            message: added.has(client.id) ? `Added to ${cohort.name}` : `Already in ${cohort.name}`,
          })
        return { done: added.size, outcomes, notFound }
      } catch (error) {
        if (error instanceof InputError) throw new BulkInputError(error.field ?? 'cohortId', error.message)
        throw error
      }
    }
    case 'field': {
      try {
        const { field, value, changed } = await setFieldForClients(t, input.fieldId, input.value, ids)
        const shown = value === null ? `${field.name} cleared` : `${field.name}: ${formatFieldValue(value)}`
        for (const client of clients)
          outcomes.push({
            clientId: client.id,
            name: client.name,
            ok: changed.has(client.id),
            message: changed.has(client.id) ? shown : `Already so (${shown})`,
          })
        return { done: changed.size, outcomes, notFound }
      } catch (error) {
        if (error instanceof InputError) throw new BulkInputError(error.field ?? 'value', error.message)
        throw error
      }
    }
    case 'task': {
      const open = clients.filter((c) => c.status !== 'ARCHIVED')
      for (const client of clients)
        if (client.status === 'ARCHIVED')
          outcomes.push({ clientId: client.id, name: client.name, ok: false, message: 'Archived: no task assigned' })
      if (open.length === 0) return { done: 0, outcomes, notFound }
      try {
        // One insert for every client, and one audit entry per task (as when assigning by hand),
        // with the instructions of the practice's template for this type of task.
        const { instructions } = await taskPrefill(t, input.type)
        await assignTask(
          t,
          {
            clientIds: open.map((c) => c.id),
            type: input.type,
            title: input.title,
            instructions,
            dueOn: input.dueOn,
            applicationId: null,
            insightId: null,
            message: '',
          },
          now,
        )
      } catch (error) {
        if (error instanceof InputError) throw new BulkInputError(error.field ?? 'clientIds', error.message)
        throw error
      }
      for (const client of open)
        outcomes.push({ clientId: client.id, name: client.name, ok: true, message: `Task assigned: ${input.title}` })
      return { done: open.length, outcomes, notFound }
    }
  }
}
