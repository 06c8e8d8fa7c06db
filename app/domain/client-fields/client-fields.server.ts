import { InputError } from '~/lib/input-error'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { queryTenantSql, sql, tenantList } from '~/tenancy/sql.server'
import { unlessTaken } from '../unique-input.server'
import { writeAudited, writeAuditedWith } from '../practices/audit.server'
import { isChoiceKind, maxFields, type ClientFieldDef, type ClientFieldInput } from './client-field-input'

// The practice's custom client fields (docs/decisions/0039): owners and admins define them in the
// practice settings; a field whose values exist is retired (hidden everywhere, its values kept), not deleted.

const duplicateName = 'Your practice already has a field with this name'
const select = { id: true, name: true, kind: true, choices: true, position: true, retiredAt: true } as const

/** The fields in their order; retired ones only when asked (the settings page). */
export async function listClientFields(t: TenantContext, options: { withRetired?: boolean } = {}) {
  return t.db.clientField.findMany({
    where: options.withRetired ? {} : { retiredAt: null },
    select,
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
  })
}

/** The fields clients fill in: not retired, as the forms, tables and filters use them. */
export const activeClientFields = tenantList<ClientFieldDef>(
  (organizationId) => sql`
    SELECT id, name, kind::text AS kind, choices FROM "ClientField"
    WHERE "organizationId" = ${organizationId} AND "retiredAt" IS NULL
    ORDER BY position ASC, "createdAt" ASC`,
)

export async function listActiveClientFields(t: TenantContext): Promise<ClientFieldDef[]> {
  // Read on every table page, so in one plain statement rather than through the model.
  return queryTenantSql<ClientFieldDef>(t, activeClientFields)
}

export function findClientField(t: TenantContext, fieldId: string) {
  return t.db.clientField.findFirst({ where: { id: fieldId }, select })
}

/** How many clients of the practice hold a value for the field (every client, whoever asks). */
export async function countFieldValues(t: TenantContext, fieldId: string, choice?: string) {
  const [row] = await queryTenantSql<{ n: number }>(
    t,
    (org) => sql`
      SELECT count(*)::int AS n FROM "Client" c
      WHERE c."organizationId" = ${org} AND c."customFields" ? ${fieldId}
      ${
        choice === undefined
          ? sql``
          : sql`AND (c."customFields" @> jsonb_build_object(${fieldId}::text, ${choice}::text)
                 OR c."customFields" @> jsonb_build_object(${fieldId}::text, jsonb_build_array(${choice}::text)))`
      }`,
  )
  return row?.n ?? 0
}

export async function createClientField(t: TenantContext, input: ClientFieldInput) {
  const existing = await t.db.clientField.count()
  if (existing >= maxFields)
    throw new InputError(null, `A practice keeps at most ${maxFields} fields. Retire one first.`)
  const last = await t.db.clientField.findFirst({ orderBy: { position: 'desc' }, select: { position: true } })
  return unlessTaken('name', duplicateName, () =>
    writeAuditedWith(
      t,
      (tx) =>
        tx.clientField.create({
          data: {
            organizationId: t.org.id,
            name: input.name,
            kind: input.kind,
            choices: isChoiceKind(input.kind) ? input.choices : [],
            position: (last?.position ?? -1) + 1,
          },
        }),
      (field) => [
        'client_field.created',
        { type: 'ClientField', id: field.id },
        { name: field.name, kind: field.kind, choices: field.choices },
      ],
    ),
  )
}

/**
 * Renames the field or changes its choices. The kind stays once clients hold values, and a choice that
 * clients hold stays offered. Null when the field is not this practice's.
 */
export async function updateClientField(t: TenantContext, fieldId: string, input: ClientFieldInput) {
  const field = await findClientField(t, fieldId)
  if (!field) return null
  if (input.kind !== field.kind && (await countFieldValues(t, field.id)) > 0)
    throw new InputError('kind', 'Clients already have values for this field: its kind stays. Add a new field instead.')
  const choices = isChoiceKind(input.kind) ? input.choices : []
  if (input.kind === field.kind)
    for (const dropped of field.choices.filter((c) => !choices.includes(c))) {
      const n = await countFieldValues(t, field.id, dropped)
      if (n > 0)
        throw new InputError(
          'choices',
          `${n} ${n === 1 ? 'client has' : 'clients have'} “${dropped}”: keep it, or change their value first`,
        )
    }
  return unlessTaken('name', duplicateName, () =>
    writeAuditedWith(
      t,
      (tx) => tx.clientField.update({ where: { id: field.id }, data: { name: input.name, kind: input.kind, choices } }),
      (saved) => [
        'client_field.edited',
        { type: 'ClientField', id: field.id },
        {
          name: field.name,
          changes: {
            name: [field.name, saved.name],
            kind: [field.kind, saved.kind],
            choices: [field.choices, saved.choices],
          },
        },
      ],
    ),
  )
}

/** Retires (hides) or restores a field. Null when the field is not this practice's. */
export async function setClientFieldRetired(t: TenantContext, fieldId: string, retired: boolean) {
  const field = await findClientField(t, fieldId)
  if (!field) return null
  return writeAudited(
    t,
    (tx) => tx.clientField.update({ where: { id: field.id }, data: { retiredAt: retired ? new Date() : null } }),
    retired ? 'client_field.retired' : 'client_field.restored',
    { type: 'ClientField', id: field.id },
    { name: field.name },
  )
}

/** Deletes a field no client holds a value for. Null when it is not this practice's. */
export async function deleteClientField(t: TenantContext, fieldId: string) {
  const field = await findClientField(t, fieldId)
  if (!field) return null
  const n = await countFieldValues(t, field.id)
  if (n > 0)
    throw new InputError(
      null,
      `${n} ${n === 1 ? 'client has' : 'clients have'} a value for ${field.name}: retire it instead.`,
    )
  await writeAudited(
    t,
    (tx) => tx.clientField.delete({ where: { id: field.id } }),
    'client_field.deleted',
    { type: 'ClientField', id: field.id },
    { name: field.name },
  )
  return field
}

/** Moves a field one place up or down. Null when it is not this practice's. */
export async function moveClientField(t: TenantContext, fieldId: string, direction: 'up' | 'down') {
  const fields = await listClientFields(t, { withRetired: true })
  const at = fields.findIndex((f) => f.id === fieldId)
  if (at < 0) return null
  const to = direction === 'up' ? at - 1 : at + 1
  if (to < 0 || to >= fields.length) return fields[at]!
  const order = [...fields]
  ;[order[at], order[to]] = [order[to]!, order[at]!]
  await t.db.$transaction(async (tx) => {
    for (const [position, f] of order.entries())
      if (f.position !== position) await tx.clientField.update({ where: { id: f.id }, data: { position } })
  })
  return fields[at]!
}
