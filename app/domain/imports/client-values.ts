import { readFieldValue, type ClientFieldDef, type ClientFieldValue } from '~/domain/client-fields/client-field-input'
import { todayIn } from '~/lib/dates'
import { restoreCell } from './csv'
import { dateStyleOf, importInstant, parseImportDateTime, type DateStyle } from './dates'
import { fieldIdOf, type ColumnMapping } from './fields'
import type { RowError } from './rows'

// A client's own values in an imported file: the cohorts a row names and the practice's custom client
// fields, read per kind. They belong to the client, not to the application: every row of a client gives
// them, the latest applied row wins, and an empty cell changes nothing. No database here (see
// client-values.server.ts). docs/decisions/0042.

/** Case, width and runs of spaces do not matter when a value is matched to a choice or a cohort. */
export const valueKey = (value: string) => value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()

/** Meanings the coach gave to choice values the reader did not know, once for the file: "<fieldId>:<valueKey>" to a choice. */
export type ValueChoices = Record<string, string>
export const valueChoiceKey = (fieldId: string, value: string) => `${fieldId}:${valueKey(value)}`

/** What one row says of its client. */
export type ClientCells = {
  /** The cohorts named, as first written, one per key. */
  cohorts: { key: string; name: string }[]
  /** Field id to the value read (empty cells and values that do not fit are absent). */
  fields: Record<string, ClientFieldValue>
}

/** A choice value no choice of the field matches, for the preview's "map once" list. */
export type UnknownValue = { fieldId: string; key: string; value: string }

export const maxCohortName = 120

/** How each custom date column writes its dates, read over the column as the importer reads its own. */
export function clientDateStyles(
  headers: string[],
  rows: string[][],
  mapping: ColumnMapping,
  fields: ClientFieldDef[],
): (DateStyle | undefined)[] {
  return mapping.map((target, i) => {
    const field = fields.find((f) => f.id === fieldIdOf(target))
    return field?.kind === 'DATE'
      ? dateStyleOf(
          rows.map((cells) => restoreCell(cells[i] ?? '')),
          headers[i],
        )
      : undefined
  })
}

/** A number as spreadsheets write amounts: "$1,200", "1 200 €", "1.200,50", "12%". Null when it is not one. */
export function readImportNumber(text: string): string | null {
  let plain = text
    .replace(/\b(usd|eur|gbp|cad|aud|chf|inr|brl)\b/gi, '')
    .replace(/[$€£¥₹%\s\u00a0\u202f']/g, '')
    .trim()
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(plain)) plain = plain.replace(/,/g, '')
  else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(plain)) plain = plain.replace(/\./g, '').replace(',', '.')
  else if (/^-?\d+,\d{1,2}$/.test(plain)) plain = plain.replace(',', '.')
  return /^-?\d+(\.\d+)?$/.test(plain) ? plain : null
}

/** The day a date cell names in the client's timezone: a cell with an offset may fall on another day there. */
function dayIn(text: string, style: DateStyle | undefined, timeZone: string) {
  const parsed = parseImportDateTime(text, style)
  if (!parsed) return null
  if (parsed.offsetMinutes === null) return parsed.day
  return todayIn(timeZone, importInstant(parsed, timeZone))
}

const listed = (choices: string[]) => (choices.length > 6 ? `${choices.slice(0, 6).join(', ')}…` : choices.join(', '))

/**
 * Reads one row's client values. A value that does not fit its field is left out whole (a multiple
 * choice with one unknown item is not half-written) and noted with the value; the row still imports.
 */
export function readClientCells(
  record: { row: number; cells: string[] },
  headers: string[],
  mapping: ColumnMapping,
  options: {
    fields: ClientFieldDef[]
    dateStyles: (DateStyle | undefined)[]
    timeZone: string
    values?: ValueChoices
  },
): { value: ClientCells; notes: RowError[]; unknown: UnknownValue[] } {
  const value: ClientCells = { cohorts: [], fields: {} }
  const notes: RowError[] = []
  const unknown: UnknownValue[] = []
  mapping.forEach((target, index) => {
    const text = restoreCell(record.cells[index] ?? '').trim()
    if (!target || !text) return
    const column = headers[index] ?? ''
    const note = (reason: string) => notes.push({ row: record.row, column, reason })
    if (target === 'cohort') {
      for (const name of text.split(/[;,]/).map((n) => n.trim().replace(/\s+/g, ' '))) {
        if (!name) continue
        if (name.length > maxCohortName) note(`A cohort name longer than ${maxCohortName} characters: left out`)
        else if (!value.cohorts.some((c) => c.key === valueKey(name))) value.cohorts.push({ key: valueKey(name), name })
      }
      return
    }
    const field = options.fields.find((f) => f.id === fieldIdOf(target))
    if (!field) return
    const choice = (item: string) =>
      field.choices.find((c) => valueKey(c) === valueKey(item)) ??
      field.choices.find((c) => c === options.values?.[valueChoiceKey(field.id, item)])
    let raw: string | string[]
    switch (field.kind) {
      case 'TEXT':
        raw = text
        break
      case 'NUMBER': {
        const number = readImportNumber(text)
        if (number === null) return note(`“${text}” is not a number for ${field.name}: left out`)
        raw = number
        break
      }
      case 'DATE': {
        const day = dayIn(text, options.dateStyles[index], options.timeZone)
        if (!day) return note(`“${text}” is not a date for ${field.name}: left out`)
        raw = day
        break
      }
      case 'CHOICE': {
        const found = choice(text)
        if (!found) {
          unknown.push({ fieldId: field.id, key: valueKey(text), value: text })
          return note(`“${text}” is not one of the choices of ${field.name} (${listed(field.choices)}): left out`)
        }
        raw = found
        break
      }
      case 'MULTI_CHOICE': {
        const items = text
          .split(/[;,|]/)
          .map((v) => v.trim())
          .filter(Boolean)
        const missing = items.filter((item) => !choice(item))
        if (missing.length) {
          for (const item of missing) unknown.push({ fieldId: field.id, key: valueKey(item), value: item })
          return note(
            `${missing.map((m) => `“${m}”`).join(', ')} ${missing.length === 1 ? 'is not a choice' : 'are not choices'} of ${field.name} (${listed(field.choices)}): “${text}” left out`,
          )
        }
        raw = items.map((item) => choice(item)!)
        break
      }
    }
    const read = readFieldValue(field, raw)
    if ('error' in read) return note(`“${text}” for ${field.name}: ${read.error}: left out`)
    if (read.value !== null) value.fields[field.id] = read.value
  })
  return { value, notes, unknown }
}

/** One row of a client, with what it says of the client. */
export type ClientRowValues = {
  row: number
  clientId: string
  /** How the preview names the client (their email). */
  clientLabel: string
  appliedOn: string | null
  cells: ClientCells
}

export type ClientValuePlan = {
  /** Client id to the values the file gives it (field id to value): the latest applied row's, per field. */
  values: Map<string, Record<string, ClientFieldValue>>
  /** Client id to the keys of the cohorts its rows name (every row's, together). */
  cohorts: Map<string, Set<string>>
  /** Cohorts named in the file by key: the practice's (with its id), or one the file names first. */
  cohortNames: Map<string, { id: string | null; name: string; rows: number[]; days: string[] }>
  /** Rows of one client that give one field different values: which row won, and why. */
  disagreements: RowError[]
}

/** The first few of a long list ("2, 3, 5, 8, 9, 11, 12, 14…"): a one-client file repeats a field on every row. */
const few = (items: (string | number)[]) => `${items.slice(0, 8).join(', ')}${items.length > 8 ? '…' : ''}`
const shown = (value: ClientFieldValue) => (Array.isArray(value) ? value.join(', ') : String(value))

/**
 * What the file gives each client: per field, the value of the row applied latest (the later row on the
 * same day) among the rows that give one; cohorts from every row. Cohort names are matched to the
 * practice's cohorts without case; a name none matches is listed with its rows.
 */
export function planClientValues(
  rows: ClientRowValues[],
  options: { fields: ClientFieldDef[]; columns: Map<string, string>; cohorts: { id: string; name: string }[] },
): ClientValuePlan {
  const plan: ClientValuePlan = { values: new Map(), cohorts: new Map(), cohortNames: new Map(), disagreements: [] }
  const ordered = [...rows].sort((a, b) => (a.appliedOn ?? '').localeCompare(b.appliedOn ?? '') || a.row - b.row)
  const given = new Map<string, { row: number; value: ClientFieldValue; label: string }[]>()
  for (const r of ordered) {
    for (const [fieldId, value] of Object.entries(r.cells.fields)) {
      const values = plan.values.get(r.clientId) ?? plan.values.set(r.clientId, {}).get(r.clientId)!
      values[fieldId] = value
      const key = `${r.clientId}\u001f${fieldId}`
      const list = given.get(key) ?? given.set(key, []).get(key)!
      list.push({ row: r.row, value, label: r.clientLabel })
    }
    for (const cohort of r.cells.cohorts) {
      const keys = plan.cohorts.get(r.clientId) ?? plan.cohorts.set(r.clientId, new Set()).get(r.clientId)!
      keys.add(cohort.key)
      const known = options.cohorts.find((c) => valueKey(c.name) === cohort.key)
      const entry = plan.cohortNames.get(cohort.key) ?? {
        id: known?.id ?? null,
        name: known?.name ?? cohort.name,
        rows: [],
        days: [],
      }
      entry.rows.push(r.row)
      if (r.appliedOn) entry.days.push(r.appliedOn)
      plan.cohortNames.set(cohort.key, entry)
    }
  }
  for (const [key, list] of given) {
    // A single client's file may give one field on 20,000 rows: distinct values by their JSON, not pairwise.
    const seen = new Set<string>()
    const distinct = list.filter((g) => {
      const json = JSON.stringify(g.value)
      return !seen.has(json) && Boolean(seen.add(json))
    })
    if (distinct.length < 2) continue
    const fieldId = key.split('\u001f')[1]!
    const field = options.fields.find((f) => f.id === fieldId)
    const winner = list.at(-1)!
    plan.disagreements.push({
      row: winner.row,
      column: options.columns.get(fieldId) ?? field?.name ?? fieldId,
      reason: `${winner.label}’s rows ${few(list.map((g) => g.row))} give ${field?.name ?? 'this field'} ${distinct.length} values (${few(distinct.map((g) => `“${shown(g.value)}”`))}): row ${winner.row}, applied latest, wins with “${shown(winner.value)}”`,
    })
  }
  plan.disagreements.sort((a, b) => a.row - b.row)
  return plan
}
