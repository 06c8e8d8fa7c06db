import { type Prisma } from '~/generated/prisma/client'
import type { Membership, Organization } from '~/generated/prisma/client'
import type { Role } from '~/generated/prisma/enums'
import type { Db } from '~/lib/db.server'

// The one door to tenant data (docs/decisions/0003-tenancy-door.md): the scoped client. Domain modules
// receive `t` and reach the database only through `t.db`, which scopes every query to the practice (and,
// for a coach limited to their own clients or for a client in the portal, to those clients) and refuses
// what it cannot scope. Raw SQL goes through ./sql.server.ts; the request guard is app/auth/require-tenant.server.ts.

/** Every model with an organizationId column. tests/isolation.test.ts checks this against the data model. */
export const TENANT_MODELS = [
  'Membership',
  'MemberInvite',
  'Client',
  'ClientAccessLink',
  'ClientSession',
  'JobApplication',
  'StageEvent',
  'Task',
  'TaskTemplate',
  'CheckIn',
  'Note',
  'Insight',
  'DigestDelivery',
  'DigestBatch',
  'DigestNote',
  'OutboundEmail',
  'ImportBatch',
  'ImportMapping',
  'AuditEvent',
  'CaseloadSnapshot',
  'Message',
  'MessageRead',
  'Notification',
  'NotificationGate',
  'NotificationBatch',
  'ApiKey',
  'WebhookEndpoint',
  'WebhookDelivery',
  'Cohort',
  'ClientCohort',
  'Placement',
  'SsoConnection',
  'SsoIdentity',
  'InterviewEvent',
  'CalendarFeed',
  'SponsorLink',
  'SatisfactionSurvey',
  'ClientField',
] as const satisfies readonly Prisma.ModelName[]
export type TenantModel = (typeof TENANT_MODELS)[number]

/**
 * Models without organizationId that tenant code may still touch, and how:
 * - Organization: its own row only (read, and update for the settings page).
 * - User: read only, members of the practice only, never passwordHash, never a user's relations
 *   (they lead to other practices). Relations to User from tenant rows (a client's coach, a note's
 *   author) may be read the same way, so old notes keep their author's name.
 * Every other model (Session, PasswordResetToken, RateLimitBucket, EmailSuppression, WebhookEvent)
 * is refused: auth and the email infrastructure use the raw client.
 */
export const SHARED_MODEL_ACCESS = {
  Organization: ['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'update'],
  User: ['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count'],
} as const satisfies Partial<Record<Prisma.ModelName, readonly string[]>>

export class TenancyError extends Error {
  override name = 'TenancyError'
}

type User = { id: string; email: string; name: string }

export type TenantContext = {
  user: User
  org: Organization
  role: Role
  membership: Pick<Membership, 'id' | 'role' | 'userId' | 'organizationId'>
  db: TenantDb
}

/** A practice, narrowed for a coach limited to their own clients, or to one client in the portal. */
type Scope = { organizationId: string; userId: string; ownClientsOnly: boolean; clientId?: string }

// ---------------------------------------------------------------------------------------------
// The data model, read once from the generated client: relation fields and their foreign keys.

type Relation = { target: string; list: boolean; foreignKey?: string }
type ModelInfo = { fields: Set<string>; relations: Map<string, Relation> }
let modelInfo: Map<string, ModelInfo> | undefined

function dataModel(db: Db) {
  if (modelInfo) return modelInfo
  const { models } = (db as unknown as { _runtimeDataModel: RuntimeModels })._runtimeDataModel
  const info = new Map<string, ModelInfo>()
  for (const [name, model] of Object.entries(models)) {
    const fields = new Set(model.fields.map((f) => f.name))
    const relations = new Map<string, Relation>()
    for (const f of model.fields) {
      if (f.kind !== 'object') continue
      // Every to-one relation in schema.prisma keeps its key in `<relation>Id`; the other side is
      // a list (tests/isolation.test.ts checks both against schema.prisma).
      const foreignKey = fields.has(`${f.name}Id`) ? `${f.name}Id` : undefined
      relations.set(f.name, { target: f.type, list: !foreignKey, foreignKey })
    }
    info.set(name, { fields, relations })
  }
  modelInfo = info
  return info
}
type RuntimeModels = { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> }

/** Relation fields of a model with their target and key, as the door sees them. */
export function relationsOf(db: Db, model: string) {
  return dataModel(db).get(model)?.relations ?? new Map<string, Relation>()
}

export function tenantModelsOf(db: Db) {
  return [...dataModel(db).entries()].filter(([, m]) => m.fields.has('organizationId')).map(([name]) => name)
}

// ---------------------------------------------------------------------------------------------
// Scoping

const isTenantModel = (model: string): model is TenantModel => (TENANT_MODELS as readonly string[]).includes(model)
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** The where fragment that limits a COACH to their own clients when the practice says so. */
export function clientScope(t: Pick<TenantContext, 'org' | 'role' | 'user'>): Prisma.ClientWhereInput {
  return isOwnClientsOnly(t) ? { coachId: t.user.id } : {}
}

function rowFilter(info: Map<string, ModelInfo>, model: string, scope: Scope): Record<string, unknown> {
  if (model === 'Organization') return { id: scope.organizationId }
  if (model === 'User') return { memberships: { some: { organizationId: scope.organizationId } } }
  const filter: Record<string, unknown> = { organizationId: scope.organizationId }
  if (scope.clientId) {
    // The portal: the client's own row and the rows that belong to it, never another client's.
    if (model === 'Client') return { ...filter, id: scope.clientId }
    const client = info.get(model)?.relations.get('client')
    return client?.target === 'Client' ? { ...filter, clientId: scope.clientId } : filter
  }
  if (!scope.ownClientsOnly) return filter
  if (model === 'Client') return { ...filter, coachId: scope.userId }
  const client = info.get(model)?.relations.get('client')
  if (client?.target === 'Client') {
    const optional = !requiredKeys.has(`${model}.clientId`)
    const own = { client: { coachId: scope.userId } }
    if (!optional) return { ...filter, ...own }
    // A practice-wide row someone made (an import of several clients' rows) is theirs alone.
    const practiceWide = info.get(model)?.fields.has('createdById')
      ? { clientId: null, createdById: scope.userId }
      : { clientId: null }
    return { ...filter, OR: [practiceWide, own] }
  }
  return filter
}
// Tenant rows whose client is optional: caseload-wide insights stay visible; a practice-wide import
// only to the coach who made it.
const requiredKeys = new Set([
  'ClientAccessLink.clientId',
  'ClientSession.clientId',
  'JobApplication.clientId',
  'StageEvent.clientId',
  'Task.clientId',
  'CheckIn.clientId',
  'Note.clientId',
  'DigestNote.clientId',
  'Message.clientId',
  'MessageRead.clientId',
  'Notification.clientId',
  'ClientCohort.clientId',
  'Placement.clientId',
  'InterviewEvent.clientId',
  'SatisfactionSurvey.clientId',
])

function scopeWhere(where: unknown, filter: Record<string, unknown>) {
  const base = isObject(where) ? where : {}
  return { ...base, AND: [...asArray(base.AND), filter] }
}

/**
 * Walks select/include/where/orderBy. A User reached through a relation shows its scalar fields only
 * (never passwordHash, never its own relations: memberships lead to other practices).
 * In select/include, a User relation given as `true` (or without `select`) gets passwordHash omitted.
 */
function checkTree(info: Map<string, ModelInfo>, model: string, node: unknown, shaping: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => checkTree(info, model, n, shaping))
  if (!isObject(node)) return node
  const m = info.get(model)!
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (model === 'User' && key === 'passwordHash') throw new TenancyError('passwordHash is not readable here')
    const relation = m.relations.get(key)
    if (relation) {
      if (model === 'User') throw new TenancyError(`User.${key} is not readable from a practice`)
      // The practice's rows are read through their own model, where the door scopes them.
      if (model === 'Organization' && relation.list)
        throw new TenancyError(`Organization.${key}: query the ${relation.target} model instead`)
      if (relation.target !== 'User' && relation.target !== 'Organization' && !isTenantModel(relation.target))
        throw new TenancyError(`${model}.${key} is not readable from a practice`)
      let next = checkTree(info, relation.target, value, shaping)
      if (shaping && relation.target === 'User') next = omitPasswordHash(next)
      out[key] = next
    } else if (m.fields.has(key)) {
      out[key] = value // a scalar field or its filter
    } else if (key === 'select' || key === 'include' || key === '_count') {
      out[key] = checkTree(info, model, value, true)
    } else {
      // AND / OR / NOT / some / every / none / is / isNot / where / orderBy / _count.select ...
      out[key] = checkTree(info, model, value, shaping)
    }
  }
  return out
}

function omitPasswordHash(value: unknown) {
  if (value === true) return { omit: { passwordHash: true } }
  if (isObject(value) && !('select' in value))
    return { ...value, omit: { ...(value.omit as object), passwordHash: true } }
  return value
}

const readOps = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
])
const whereOps = new Set([...readOps, 'update', 'updateMany', 'updateManyAndReturn', 'delete', 'deleteMany', 'upsert'])
const createOps = new Set(['create', 'createMany', 'createManyAndReturn'])

function scopeArgs(
  db: Db,
  model: string,
  operation: string,
  args: Record<string, unknown>,
  scope: Scope,
  checks: KeyCheck[],
) {
  const info = dataModel(db)
  const shared = SHARED_MODEL_ACCESS[model as keyof typeof SHARED_MODEL_ACCESS] as readonly string[] | undefined
  if (!isTenantModel(model) && !shared?.includes(operation))
    throw new TenancyError(`${model}.${operation} is not allowed through the tenancy door`)
  if (!whereOps.has(operation) && !createOps.has(operation))
    throw new TenancyError(`${model}.${operation} cannot be scoped to a practice`)

  const next: Record<string, unknown> = { ...args }
  for (const key of ['select', 'include', 'orderBy', 'cursor', 'where', 'having'] as const) {
    if (key in next) next[key] = checkTree(info, model, next[key], key === 'select' || key === 'include')
  }
  if (model === 'User' && !next.select) next.omit = { ...(next.omit as object), passwordHash: true }
  if (whereOps.has(operation)) next.where = scopeWhere(next.where, rowFilter(info, model, scope))

  if (operation === 'create') next.data = checkedData(info, model, next.data, scope, 'create')
  if (operation === 'createMany' || operation === 'createManyAndReturn')
    next.data = asArray(next.data).map((d) => uncheckedData(info, model, d, scope, 'create', checks))
  if (operation === 'update') next.data = checkedData(info, model, next.data, scope, 'update')
  if (operation === 'updateMany' || operation === 'updateManyAndReturn')
    next.data = uncheckedData(info, model, next.data, scope, 'update', checks)
  if (operation === 'upsert') {
    next.create = checkedData(info, model, next.create, scope, 'create')
    next.update = checkedData(info, model, next.update, scope, 'update')
  }
  return next
}

/** Refuses nested writes and a foreign organizationId; sets organizationId on create. */
function baseData(
  info: Map<string, ModelInfo>,
  model: string,
  data: unknown,
  scope: Scope,
  mode: 'create' | 'update',
): Record<string, unknown> {
  if (!isObject(data)) throw new TenancyError(`${model}: data must be an object`)
  const m = info.get(model)!
  for (const key of Object.keys(data)) {
    if (m.relations.has(key))
      throw new TenancyError(`${model}.${key}: nested writes are refused; set the ${key}Id column instead`)
  }
  if (model === 'Organization') {
    if ('id' in data) throw new TenancyError('Organization.id cannot change')
    return { ...data }
  }
  if ('organizationId' in data && data.organizationId !== scope.organizationId)
    throw new TenancyError(`${model}: organizationId names another practice`)
  return mode === 'create' ? { ...data, organizationId: scope.organizationId } : { ...data }
}

// Single-row writes turn each foreign key into a `connect` whose where names the practice, so that
// the database refuses a key of another practice in the same statement (and inside transactions).
function checkedData(
  info: Map<string, ModelInfo>,
  model: string,
  data: unknown,
  scope: Scope,
  mode: 'create' | 'update',
) {
  const out = baseData(info, model, data, scope, mode)
  for (const [name, relation] of info.get(model)!.relations) {
    const key = relation.foreignKey
    if (!key || !(key in out)) continue
    const value = out[key]
    delete out[key]
    if (name === 'organization') {
      out.organization = { connect: { id: scope.organizationId } }
    } else if (value === null) {
      if (mode === 'update') out[name] = { disconnect: true }
    } else if (value !== undefined) {
      const filter = targetFilter(info, model, name, relation, scope)
      // The portal's door pins the Client row by id: a different id is another client's row.
      if ('id' in filter && filter.id !== value)
        throw new TenancyError(`${model}.${name}: the row is outside this context`)
      out[name] = { connect: { ...filter, id: value } }
    }
  }
  if (mode === 'create' && model !== 'Organization') {
    delete out.organizationId
    out.organization = { connect: { id: scope.organizationId } }
  }
  return out
}

function targetFilter(info: Map<string, ModelInfo>, model: string, name: string, relation: Relation, scope: Scope) {
  // Joining a practice: the user is not a member yet.
  if (model === 'Membership' && name === 'user') return {}
  return rowFilter(info, relation.target, scope)
}

// Bulk writes cannot use `connect`: their foreign keys are checked with one query per key column.
// That query runs outside any transaction, so a createMany inside one must reference committed rows.
function uncheckedData(
  info: Map<string, ModelInfo>,
  model: string,
  data: unknown,
  scope: Scope,
  mode: 'create' | 'update',
  checks: KeyCheck[],
) {
  const out = baseData(info, model, data, scope, mode)
  const keys = [...info.get(model)!.relations.entries()].filter(
    ([name, r]) => r.foreignKey && name !== 'organization' && typeof out[r.foreignKey] === 'string',
  )
  if (keys.length) checks.push({ model, out, keys, scope })
  return out
}
type KeyCheck = { model: string; out: Record<string, unknown>; keys: [string, Relation][]; scope: Scope }

async function runKeyChecks(db: Db, checks: KeyCheck[]) {
  if (!checks.length) return
  const info = dataModel(db)
  const wanted = new Map<string, { target: string; filter: Record<string, unknown>; ids: Set<string> }>()
  for (const { model, out, keys, scope } of checks) {
    for (const [name, relation] of keys) {
      const id = `${model}.${name}`
      const entry = wanted.get(id) ?? {
        target: relation.target,
        filter: targetFilter(info, model, name, relation, scope),
        ids: new Set<string>(),
      }
      entry.ids.add(out[relation.foreignKey!] as string)
      wanted.set(id, entry)
    }
  }
  for (const [id, { target, filter, ids }] of wanted) {
    const delegate = (db as unknown as Record<string, { count(args: unknown): Promise<number> }>)[lowerFirst(target)]!
    const found = await delegate.count({ where: { AND: [{ id: { in: [...ids] } }, filter] } })
    if (found !== ids.size) throw new TenancyError(`${id}: a referenced row is not in this practice`)
  }
}
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

// ---------------------------------------------------------------------------------------------
// The scoped client

function scopedClient(db: Db, scope: Scope) {
  const scoped = db.$extends({
    name: 'tenancy',
    query: {
      async $allOperations({ model, operation, args, query }) {
        if (!model) throw new TenancyError(`${operation} cannot be scoped to a practice: use queryTenantSql`)
        const checks: KeyCheck[] = []
        const scoped = scopeArgs(db, model, operation, (args ?? {}) as Record<string, unknown>, scope, checks)
        await runKeyChecks(db, checks)
        return query(scoped as typeof args)
      },
    },
  })
  scopes.set(scoped, { db, scope })
  return scoped
}
export type TenantDb = ReturnType<typeof scopedClient>

// What each scoped client was made from, for raw SQL through the same door (sql.server.ts).
const scopes = new WeakMap<object, { db: Db; scope: Scope }>()

/** The unscoped client behind a scoped one and what it is scoped to, for the SQL building blocks of this folder only. */
export function scopeOf(db: TenantDb) {
  const found = scopes.get(db)
  if (!found) throw new TenancyError('Not a scoped client made by the tenancy door')
  return found
}

/**
 * The portal's door: one client of one practice. Every query is scoped to the practice and to this client's
 * rows (the client itself, and every row whose client is this one), whatever the domain function asks for.
 */
export function createPortalDb(db: Db, organizationId: string, clientId: string): TenantDb {
  return scopedClient(db, { organizationId, userId: '', ownClientsOnly: false, clientId })
}

const rawClients = new WeakMap<object, Db>()

/** A tenant context without a request: for jobs, scripts and tests. */
export function createTenantContext(
  db: Db,
  {
    user,
    org,
    role,
    membership,
  }: { user: User; org: Organization; role: Role; membership?: TenantContext['membership'] },
): TenantContext {
  const scope = {
    organizationId: org.id,
    userId: user.id,
    ownClientsOnly: isOwnClientsOnly({ org, role }),
  }
  // The scoped client is made when first used: a page that reads only through plain SQL (the table pages) never
  // needs one, and making it (Prisma's $extends) is about a tenth of a millisecond a request.
  let scoped: TenantDb | undefined
  const t: TenantContext = {
    user: { id: user.id, email: user.email, name: user.name },
    org,
    role,
    membership: membership ?? { id: '', role, userId: user.id, organizationId: org.id },
    get db() {
      return (scoped ??= scopedClient(db, scope))
    },
  }
  rawClients.set(t, db)
  return t
}

/** The unscoped client behind a context, for the SQL building blocks of this folder only. */
export function rawClientOf(t: TenantContext) {
  const db = rawClients.get(t)
  if (!db) throw new TenancyError('Not a tenant context made by createTenantContext')
  return db
}

/** True when the context sees only the clients assigned to its coach: the practice's rule, in one place. */
export function isOwnClientsOnly(t: Pick<TenantContext, 'org' | 'role'>) {
  return t.org.coachesSeeOwnClientsOnly && t.role === 'COACH'
}
