import { z } from 'zod'
import type { ClientFieldKind } from '~/generated/prisma/enums'
import { isCalendarDay, notACalendarDay } from '~/lib/dates'
import type { ClientFieldDef, ClientFieldValue } from './client-field-display'
import { requiredText } from '../form-fields'

// Custom client fields: the definition form's schema, and how a value typed into a form or a URL is
// read for each kind. Shared by the server and the browser (no database here). docs/decisions/0039.

export const clientFieldKinds = [
  'TEXT',
  'NUMBER',
  'DATE',
  'CHOICE',
  'MULTI_CHOICE',
] as const satisfies readonly ClientFieldKind[]
export const clientFieldKindLabels: Record<ClientFieldKind, string> = {
  TEXT: 'Text',
  NUMBER: 'Number',
  DATE: 'Date',
  CHOICE: 'Single choice',
  MULTI_CHOICE: 'Multiple choice',
}
export const isChoiceKind = (kind: ClientFieldKind) => kind === 'CHOICE' || kind === 'MULTI_CHOICE'

export const maxChoices = 50
export const maxFields = 30
export const maxTextValue = 200

/** Choices as typed: one a line; blanks and repeats dropped. */
const choiceList = z
  .string()
  .max(5_000, 'Use at most 50 short choices')
  .optional()
  .transform((v) => [
    ...new Set(
      (v ?? '')
        .split(/\r?\n/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ])
  .refine((list) => list.length <= maxChoices, `Use at most ${maxChoices} choices`)
  .refine((list) => list.every((c) => c.length <= 80), 'Keep each choice to 80 characters')

export const ClientFieldInput = z
  .object({
    name: requiredText('Give the field a name', 60, 'Use at most 60 characters'),
    kind: z.enum(clientFieldKinds, { error: 'Choose what kind of value the field holds' }),
    choices: choiceList,
  })
  .refine((v) => !isChoiceKind(v.kind) || v.choices.length >= 2, {
    path: ['choices'],
    message: 'Give at least two choices, one a line',
  })
export type ClientFieldInput = z.output<typeof ClientFieldInput>

export type { ClientFieldDef, ClientFieldValue, ClientFieldValues } from './client-field-display'

/** What a form sends for a field: one value, several (ticked choices), or nothing. */
export type RawFieldValue = string | string[] | undefined

/** A form's custom-field inputs, as Conform reads names like field.<id>: id to one value or several. */
export const fieldInputs = z
  .record(
    z.string().max(64),
    z.union([z.string().max(1_000), z.array(z.string().max(200)).max(maxChoices + 1), z.undefined()]),
  )
  .refine((r) => Object.keys(r).length <= maxFields, 'Too many fields')
  .optional()

const numberPattern = /^-?\d{1,12}(\.\d{1,4})?$/

/**
 * A field's value from a form: the value to store, null to clear it, or a message for the person.
 * The hidden "" that multiple-choice checkboxes send beside the ticks is dropped.
 */
export function readFieldValue(
  field: ClientFieldDef,
  raw: RawFieldValue,
): { value: ClientFieldValue | null } | { error: string } {
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter(Boolean)
  if (field.kind === 'MULTI_CHOICE') {
    const chosen = [...new Set(list)]
    if (chosen.some((c) => !field.choices.includes(c))) return { error: `Choose among the choices of ${field.name}` }
    return { value: chosen.length ? field.choices.filter((c) => chosen.includes(c)) : null }
  }
  if (list.length > 1) return { error: `Give one value for ${field.name}` }
  const one = list[0]
  if (one === undefined) return { value: null }
  switch (field.kind) {
    case 'TEXT':
      return one.length > maxTextValue ? { error: `Use at most ${maxTextValue} characters` } : { value: one }
    case 'NUMBER': {
      const plain = one.replace(/[\s,]/g, '')
      return numberPattern.test(plain) ? { value: Number(plain) } : { error: 'Give a number, like 12 or 3.5' }
    }
    case 'DATE':
      return one.length === 10 && isCalendarDay(one) ? { value: one } : { error: notACalendarDay }
    case 'CHOICE':
      return field.choices.includes(one) ? { value: one } : { error: `Choose one of the choices of ${field.name}` }
  }
}

export { fieldParam, formatFieldValue, valuesOf } from './client-field-display'

// ---------------------------------------------------------------------------------------------
// Filters in the URL: ?field.<id>=<value>. Text: contains. Number and date: a value, or a range
// "from..to" with either end left open. Choices: one choice (a multiple choice holds it).

export type FieldFilter =
  | { fieldId: string; kind: 'contains'; text: string }
  | { fieldId: string; kind: 'equals'; value: string | number }
  | { fieldId: string; kind: 'holds'; choice: string }
  | { fieldId: string; kind: 'range'; from: string | number | null; to: string | number | null; numeric: boolean }

const fieldParamPattern = /^field\.([A-Za-z0-9_-]{1,64})$/

/** The field ids named by the URL's field.<id> parameters (blank values left out). */
export function fieldParamsOf(search: URLSearchParams) {
  const out: Record<string, string> = {}
  for (const [key, value] of search) {
    const id = fieldParamPattern.exec(key)?.[1]
    if (id && value.trim()) out[id] = value.trim().slice(0, 200)
  }
  return out
}

/** The filter a parameter asks for, or null when it cannot be read for that kind (the filter is then left off). */
export function readFieldFilter(field: ClientFieldDef, value: string): FieldFilter | null {
  const fieldId = field.id
  if (field.kind === 'TEXT') return { fieldId, kind: 'contains', text: value }
  if (field.kind === 'CHOICE' || field.kind === 'MULTI_CHOICE')
    return field.choices.includes(value)
      ? field.kind === 'CHOICE'
        ? { fieldId, kind: 'equals', value }
        : { fieldId, kind: 'holds', choice: value }
      : null
  const numeric = field.kind === 'NUMBER'
  const one = (v: string) => {
    if (v === '') return null
    const read = readFieldValue(field, v)
    return 'value' in read && (typeof read.value === 'number' || typeof read.value === 'string')
      ? read.value
      : undefined
  }
  if (value.includes('..')) {
    const [a = '', b = '', ...rest] = value.split('..')
    const from = one(a.trim())
    const to = one(b.trim())
    if (rest.length || from === undefined || to === undefined || (from === null && to === null)) return null
    return { fieldId, kind: 'range', from, to, numeric }
  }
  const exact = one(value)
  return exact === undefined || exact === null ? null : { fieldId, kind: 'equals', value: exact }
}

/** Sorting by a field: sort=field.<id>. */
export const fieldSortPattern = /^field\.[A-Za-z0-9_-]{1,64}$/
export const fieldIdOfSort = (sort: string | undefined) =>
  sort && fieldSortPattern.test(sort) ? sort.slice('field.'.length) : null
