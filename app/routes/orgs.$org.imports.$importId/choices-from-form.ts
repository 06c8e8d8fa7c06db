import { fieldIdOf, importFields, statusChoiceLabels, type ColumnTarget } from '~/domain/imports/fields'

// The mapping form's fields, read into the choices the import keeps: anything else is ignored.

export function importFieldsFrom(form: FormData) {
  const columns = Number(form.get('columns'))
  return Array.from({ length: Number.isInteger(columns) ? Math.min(columns, 500) : 0 }, (_, i) => {
    const value = String(form.get(`column-${i}`) ?? '')
    // A client field's id is checked against the practice's fields when the mapping is kept.
    return (importFields as readonly string[]).includes(value) || fieldIdOf(value as ColumnTarget)
      ? (value as ColumnTarget)
      : null
  })
}

/** Choice values mapped once: value:<fieldId>:<value key> to a choice ("" to take a mapping back). */
export function valuesFrom(form: FormData) {
  const values: Record<string, string> = {}
  for (const [name, value] of form.entries()) {
    if (name.startsWith('value:') && typeof value === 'string' && name.length <= 300 && value.length <= 200)
      values[name.slice('value:'.length)] = value
  }
  return values
}

export function statusesFrom(form: FormData) {
  const statuses: Record<string, string> = {}
  for (const [name, value] of form.entries()) {
    if (name.startsWith('status:') && typeof value === 'string' && value in statusChoiceLabels)
      statuses[name.slice('status:'.length)] = value
  }
  return statuses
}

/** Day first or month first for dates that read either way; "" lets the file and the timezone tell. */
export function dateOrderFrom(form: FormData): 'day' | 'month' | null {
  const value = form.get('dateOrder')
  return value === 'day' || value === 'month' ? value : null
}
