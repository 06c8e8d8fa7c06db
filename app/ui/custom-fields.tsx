import type { RowData } from '@tanstack/react-table'
import {
  fieldParam,
  formatFieldValue,
  valuesOf,
  type ClientFieldDef,
  type ClientFieldValue,
} from '~/domain/client-fields/client-field-display'
import { serverColumnHelper } from './data-table'
import { inputClass } from './form'

// The practice's custom client fields on its pages: as filters (?field.<id>=…), as table columns
// (sortable by the server: sort=field.<id>), and as inputs on the client form and the bulk action.

const rangeHint: Partial<Record<ClientFieldDef['kind'], string>> = {
  NUMBER: 'e.g. 5 or 1..10',
  DATE: 'e.g. 2026-01-01..2026-03-31',
}

/** A choice field's select, with a first blank option (no filter, or no value). */
function ChoiceSelect({
  value,
  blank,
  choices,
  ...props
}: { id: string; name: string; value: string; blank: string; choices: string[] } & Record<`aria-${string}`, unknown>) {
  return (
    <select {...props} defaultValue={value} className={`mt-1 ${inputClass}`}>
      <option value="">{blank}</option>
      {choices.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  )
}

/** One filter control per field, for a GET form whose other controls are the page's own filters. */
export function CustomFieldFilters({ fields, params }: { fields: ClientFieldDef[]; params: Record<string, string> }) {
  return (
    <>
      {fields.map((f) => {
        const id = `filter-${f.id}`
        const value = params[f.id] ?? ''
        return (
          <div key={f.id}>
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {f.name}
            </label>
            {f.kind === 'CHOICE' || f.kind === 'MULTI_CHOICE' ? (
              <ChoiceSelect id={id} name={fieldParam(f.id)} value={value} blank="Any" choices={f.choices} />
            ) : (
              <input
                id={id}
                name={fieldParam(f.id)}
                type="search"
                defaultValue={value}
                placeholder={rangeHint[f.kind] ?? 'Contains…'}
                className={`mt-1 ${inputClass} w-44`}
              />
            )}
          </div>
        )
      })}
    </>
  )
}

/** A column per field; its id (field.<id>) is the sort the server reads. */
export function customFieldColumns<Row extends RowData & { customFields: unknown }>(
  fields: ClientFieldDef[],
  { sortable = true } = {},
) {
  const col = serverColumnHelper<Row>()
  return fields.map((f) =>
    col.accessor((row) => formatFieldValue(valuesOf(row.customFields)[f.id]), {
      id: fieldParam(f.id),
      header: f.name,
      enableSorting: sortable,
      cell: (info) => info.getValue() || '—',
    }),
  )
}

/**
 * The input for one field's value, named `name` (field.<id> on the client form, value on the bulk
 * action). Multiple choices send a hidden "" beside the ticks, so that none ticked clears the value.
 */
export function FieldValueInput({
  field,
  name,
  id,
  defaultValue,
  errors,
}: {
  field: ClientFieldDef
  name: string
  id: string
  defaultValue?: ClientFieldValue | string[] | null
  errors?: string[]
}) {
  const errorId = `${id}-error`
  const described = errors?.length ? { 'aria-describedby': errorId, 'aria-invalid': true } : {}
  const one = Array.isArray(defaultValue) ? (defaultValue[0] ?? '') : String(defaultValue ?? '')
  let control
  if (field.kind === 'MULTI_CHOICE') {
    const ticked = Array.isArray(defaultValue) ? defaultValue : defaultValue ? [String(defaultValue)] : []
    control = (
      <fieldset id={id} {...described}>
        <legend className="text-sm font-medium text-slate-800">{field.name}</legend>
        <input type="hidden" name={name} value="" />
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {field.choices.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                name={name}
                value={c}
                defaultChecked={ticked.includes(c)}
                className="h-4 w-4 rounded border-slate-400"
              />
              {c}
            </label>
          ))}
        </div>
      </fieldset>
    )
  } else {
    const input =
      field.kind === 'CHOICE' ? (
        <ChoiceSelect id={id} name={name} value={one} blank="Not set" choices={field.choices} {...described} />
      ) : (
        <input
          id={id}
          name={name}
          type={field.kind === 'DATE' ? 'date' : 'text'}
          inputMode={field.kind === 'NUMBER' ? 'decimal' : undefined}
          defaultValue={one}
          className={`mt-1 ${inputClass}`}
          {...described}
        />
      )
    control = (
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {field.name}
        </label>
        {input}
      </div>
    )
  }
  return (
    <div>
      {control}
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-sm text-red-800" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  )
}
