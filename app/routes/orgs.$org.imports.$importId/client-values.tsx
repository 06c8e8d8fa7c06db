import { inputClass } from '~/ui/form'

// The import review's part about the clients themselves: custom-field values and cohort names the file
// gives that the reader could not place (inside the mapping form), and what the import does, or did, to
// the clients (fields set, cohorts joined).

type UnknownValue = { fieldId: string; fieldName: string; key: string; value: string; rows: number[]; count: number }
type UnknownCohort = { key: string; value: string; rows: number[]; count: number; create: boolean }

const rowList = (rows: number[], count: number) =>
  `${count} ${count === 1 ? 'row' : 'rows'}: ${rows.join(', ')}${count > rows.length ? '…' : ''}`

export function ClientValueChoices(props: {
  unknownValues: UnknownValue[]
  unknownCohorts: UnknownCohort[]
  choices: Record<string, string>
  clientFields: { id: string; choices: string[] }[]
}) {
  return (
    <>
      {props.unknownValues.length > 0 && (
        <fieldset className="mt-6">
          <legend className="font-semibold">Client field values</legend>
          <p className="mb-3 text-sm text-slate-700">
            These values are not among the field’s choices. Say once what each means, for every row that has it; left as
            it is, the value is not set.
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            {props.unknownValues.map((u) => {
              const id = `value-${u.fieldId}-${u.key}`.replace(/[^A-Za-z0-9_-]/g, '_')
              return (
                <div key={`${u.fieldId}:${u.key}`} className="min-w-0">
                  <label htmlFor={id} className="block text-sm font-medium break-words">
                    {u.fieldName}: “{u.value}” ({rowList(u.rows, u.count)})
                  </label>
                  <select
                    id={id}
                    name={`value:${u.fieldId}:${u.key}`}
                    defaultValue={props.choices[`${u.fieldId}:${u.key}`] ?? ''}
                    className={inputClass}
                  >
                    <option value="">Not a choice: leave the value out</option>
                    {(props.clientFields.find((f) => f.id === u.fieldId)?.choices ?? []).map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </div>
              )
            })}
          </div>
        </fieldset>
      )}
      {props.unknownCohorts.length > 0 && (
        <fieldset className="mt-6">
          <legend className="font-semibold">Cohorts your practice does not have</legend>
          <input type="hidden" name="cohortsShown" value="1" />
          <p className="mb-3 text-sm text-slate-700">
            Tick a cohort to create it with the import (its dates are the first and last applied dates of its rows;
            change them on the cohort’s page). Left unticked, its rows import without it.
          </p>
          <ul className="grid gap-2 sm:grid-cols-2">
            {props.unknownCohorts.map((c) => (
              <li key={c.key} className="flex min-w-0 items-start gap-2">
                <input
                  id={`cohort-${c.key}`.replace(/[^A-Za-z0-9_-]/g, '_')}
                  type="checkbox"
                  name="newCohort"
                  value={c.key}
                  defaultChecked={c.create}
                  className="mt-1 h-4 w-4 shrink-0"
                />
                <label
                  htmlFor={`cohort-${c.key}`.replace(/[^A-Za-z0-9_-]/g, '_')}
                  className="min-w-0 text-sm break-words"
                >
                  Create “{c.value}” ({rowList(c.rows, c.count)})
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </>
  )
}

export type ClientSummary = {
  fieldClients: number
  fields: { name: string; clients: number }[]
  cohorts: { name: string; clients: number; created: boolean }[]
}

const clientsWord = (n: number) => `${n} ${n === 1 ? 'client' : 'clients'}`

/** "Fields set on 4 clients (Programme: 3, Skills: 2) · added to cohort Spring 2026: 3 (new cohort)". */
export function clientSummaryText(summary: ClientSummary) {
  const parts: string[] = []
  if (summary.fieldClients)
    parts.push(
      `Fields set on ${clientsWord(summary.fieldClients)} (${summary.fields.map((f) => `${f.name}: ${f.clients}`).join(', ')})`,
    )
  for (const c of summary.cohorts)
    parts.push(`added to cohort ${c.name}: ${c.clients}${c.created ? ' (new cohort)' : ''}`)
  const text = parts.join(' · ')
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : ''
}

/** The client values part of the preview: what the import will set, and where a client's rows disagree. */
export function ClientValuesPreview(props: { summary: ClientSummary; disagreements: number }) {
  const text = clientSummaryText(props.summary)
  return (
    <section aria-labelledby="client-values" className="mt-6 rounded-lg border border-slate-200 p-4">
      <h3 id="client-values" className="font-semibold">
        The clients
      </h3>
      <p className="text-sm text-slate-700">
        {text ? `${text}.` : 'No client value changes: the clients already hold what the file gives.'} A value from the
        file replaces the client’s only when its cell is filled; where one client’s rows disagree, the row applied
        latest wins
        {props.disagreements > 0 ? ` (${props.disagreements} listed under “Rows that disagree”)` : ''}.
      </p>
    </section>
  )
}
