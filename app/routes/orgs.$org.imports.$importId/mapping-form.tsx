import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import {
  fieldTarget,
  importFieldLabels,
  importFields,
  statusChoiceLabels,
  type ColumnMapping,
  type ColumnTarget,
} from '~/domain/imports/fields'
import { inputClass, SubmitButton } from '~/ui/form'

// The import review's column choices: what each column fills and why, how dates that read either way are
// read, the status values the reader did not know, and whether old open rows are closed as history.

type MappingProps = {
  headers: string[]
  mapping: ColumnMapping
  guesses: { field: ColumnTarget | null; why: string }[]
  /** The practice's custom client fields, offered beside the cohort. */
  clientFields: { id: string; name: string }[]
  /** The choices about the client's own values (field values, cohorts to create), inside the form. */
  children?: ReactNode
  remembered: boolean
  unknownStatuses: { key: string; value: string; rows: number[]; count: number }[]
  statuses: Record<string, string>
  stale: { count: number; thresholdDays: number; closed: boolean }
  /** How each date column's numeric dates were read, and why. */
  dateNotes: (string | null)[]
  dateOrderAsked: boolean
  dateOrder: 'day' | 'month' | null
}

export function MappingForm(props: MappingProps) {
  const reason = (i: number) => {
    const guess = props.guesses[i]
    if (props.remembered) return 'As you chose last time for this layout'
    return guess && guess.field === props.mapping[i] ? guess.why : props.mapping[i] ? 'Chosen by you' : 'Left out'
  }
  return (
    <Form method="post" aria-labelledby="columns" className="rounded-lg border border-slate-200 p-4">
      <h2 id="columns" className="text-lg font-semibold">
        Columns
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        {props.remembered
          ? 'The columns you chose last time for this layout. '
          : 'Read from the headers and the values. '}
        Change any that are wrong; “Leave out” skips a column, and a column left out is never kept.
      </p>
      <input type="hidden" name="columns" value={props.headers.length} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {props.headers.map((header, i) => (
          <div key={`${i}-${header}`} className="min-w-0">
            <label htmlFor={`column-${i}`} className="block text-sm font-medium break-words text-slate-900">
              {header || `Column ${i + 1}`}
            </label>
            <select
              id={`column-${i}`}
              name={`column-${i}`}
              defaultValue={props.mapping[i] ?? ''}
              className={inputClass}
              aria-describedby={`column-${i}-why`}
            >
              <option value="">Leave out</option>
              <optgroup label="The application">
                {importFields
                  .filter((field) => field !== 'cohort')
                  .map((field) => (
                    <option key={field} value={field}>
                      {importFieldLabels[field]}
                    </option>
                  ))}
              </optgroup>
              <optgroup label="The client">
                <option value="cohort">{importFieldLabels.cohort}</option>
                {props.clientFields.map((f) => (
                  <option key={f.id} value={fieldTarget(f.id)}>
                    {f.name} (client field)
                  </option>
                ))}
              </optgroup>
            </select>
            <p id={`column-${i}-why`} className="mt-1 text-xs break-words text-slate-600">
              {reason(i)}
              {props.dateNotes[i] && <span className="block">{props.dateNotes[i]}.</span>}
            </p>
          </div>
        ))}
      </div>

      {props.dateOrderAsked && (
        <div className="mt-6 max-w-md">
          <label htmlFor="dateOrder" className="block text-sm font-medium text-slate-900">
            Dates that read either way, like 02/04/2025
          </label>
          <select id="dateOrder" name="dateOrder" defaultValue={props.dateOrder ?? ''} className={inputClass}>
            <option value="">As the file and the timezone suggest</option>
            <option value="month">Month first: 4 February</option>
            <option value="day">Day first: 2 April</option>
          </select>
        </div>
      )}

      {props.unknownStatuses.length > 0 && (
        <fieldset className="mt-6">
          <legend className="font-semibold">Status values</legend>
          <p className="mb-3 text-sm text-slate-700">
            These values were not understood. Say once what each means, for every row that has it.
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            {props.unknownStatuses.map((u) => (
              <div key={u.key} className="min-w-0">
                <label htmlFor={`status-${u.key}`} className="block text-sm font-medium break-words">
                  “{u.value}” ({u.count} {u.count === 1 ? 'row' : 'rows'}: {u.rows.join(', ')}
                  {u.count > u.rows.length ? '…' : ''})
                </label>
                <select
                  id={`status-${u.key}`}
                  name={`status:${u.key}`}
                  defaultValue={props.statuses[u.key] ?? ''}
                  className={inputClass}
                >
                  <option value="">Not understood: skip these rows</option>
                  {Object.entries(statusChoiceLabels).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
        </fieldset>
      )}

      {props.children}

      {props.stale.count > 0 && (
        <div className="mt-6 flex items-start gap-2">
          <input type="hidden" name="historyShown" value="1" />
          <input
            id="closeHistory"
            name="closeHistory"
            type="checkbox"
            defaultChecked={props.stale.closed}
            className="mt-1 h-4 w-4"
          />
          <label htmlFor="closeHistory" className="text-sm text-slate-800">
            Treat the {props.stale.count === 1 ? 'application' : `${props.stale.count} applications`} still open in the
            file but silent for over {props.stale.thresholdDays} days as ended: no response (or an offer not taken up).
            Untick to keep {props.stale.count === 1 ? 'it' : 'them'} in progress.
          </label>
        </div>
      )}
      <SubmitButton intent="mapping" variant="secondary" className="mt-4" pendingText="Checking…">
        Apply choices
      </SubmitButton>
    </Form>
  )
}
