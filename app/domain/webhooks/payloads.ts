// What each event carries in `data`: the record as the API shows it, picked field by field so a new
// column never leaks into a receiver unannounced. No database here; the OpenAPI document describes these.

type Row = Record<string, unknown>
// Calendar days (a date column) read as the API writes them, 2026-03-24, not as a midnight instant.
const dayFields = new Set(['appliedOn', 'dueOn', 'weekOf'])
const value = (key: string, v: unknown) =>
  dayFields.has(key) && v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null)
const pick = (row: Row, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, value(k, row[k])]))

export const clientPayloadFields = ['id', 'name', 'email', 'status', 'coachId', 'targetRole', 'createdAt'] as const
export const applicationPayloadFields = [
  'id',
  'clientId',
  'company',
  'roleTitle',
  'stage',
  'outcome',
  'appliedOn',
  'source',
  'rejectionStage',
  'endedBy',
  'rejectionReason',
] as const
export const taskPayloadFields = [
  'id',
  'clientId',
  'type',
  'title',
  'status',
  'dueOn',
  'applicationId',
  'insightId',
  'completedAt',
] as const
export const checkInPayloadFields = ['id', 'clientId', 'weekOf', 'mood', 'energy', 'confidence', 'note'] as const
export const insightPayloadFields = ['id', 'clientId', 'kind', 'severity', 'suggestedTaskType', 'status'] as const

export const importPayloadFields = [
  'id',
  'clientId',
  'fileName',
  'format',
  'rowCount',
  'importedCount',
  'duplicateCount',
  'rejectedCount',
  'finishedAt',
] as const

export const clientPayload = (row: Row) => ({ client: pick(row, clientPayloadFields) })
export const applicationPayload = (row: Row, change?: { from: Row; to: Row; actorType: string; undo?: true }) => ({
  application: pick(row, applicationPayloadFields),
  ...(change ? { change } : {}),
})
export const taskPayload = (row: Row) => ({ task: pick(row, taskPayloadFields) })
export const checkInPayload = (row: Row) => ({ checkIn: pick(row, checkInPayloadFields) })
export const insightPayload = (row: Row) => ({ insight: pick(row, insightPayloadFields) })
/** An import as a whole: what it wrote, skipped and refused; receivers fetch the applications themselves. */
export const importPayload = (row: Row) => ({
  import: pick(
    { ...row, rejectedCount: Array.isArray(row.rejectedRows) ? row.rejectedRows.length : 0 },
    importPayloadFields,
  ),
})
