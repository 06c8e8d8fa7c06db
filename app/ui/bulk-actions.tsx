import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import type { BulkResult } from '~/domain/clients/bulk.server'
import type { ClientFieldDef } from '~/domain/client-fields/client-field-display'
import { FieldValueInput } from './custom-fields'
import { Button, choicesOf, inputClass, LabelledSelect } from './form'
import { Options } from './options'
import { taskTypeChoices } from './task-fields'

// The roster's bulk actions: choose clients with the checkboxes beside their names (or all on the
// page), choose what to do, read a confirmation that says how many, confirm. The result lists what
// happened for each client.

type BulkKind = 'invite' | 'task' | 'coach' | 'cohort' | 'field' | 'pause'
const kindLabels: Record<BulkKind, string> = {
  invite: 'Email invite links',
  task: 'Assign a task',
  coach: 'Change coach',
  cohort: 'Add to cohort',
  field: 'Set field',
  pause: 'Pause',
}
const clients = (n: number) => `${n} ${n === 1 ? 'client' : 'clients'}`

export type BulkActionData = { bulk?: BulkResult & { kind: BulkKind }; bulkError?: string }

/** The selection, kept while the page shows the same rows; emptied when they change or an action ran. */
export function useSelection(rowIds: string[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const key = rowIds.join(',')
  useEffect(() => setSelected(new Set()), [key])
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  const setAll = (on: boolean) => setSelected(on ? new Set(rowIds) : new Set())
  return { selected, toggle, setAll, allOnPage: rowIds.length > 0 && rowIds.every((id) => selected.has(id)) }
}

export function BulkBar({
  selection,
  rowCount,
  coaches,
  cohorts,
  fields = [],
  defaultDueOn,
  canAssign,
}: {
  selection: ReturnType<typeof useSelection>
  rowCount: number
  coaches: { id: string; name: string }[]
  cohorts: { id: string; name: string }[]
  /** The practice's custom fields, for "Set field…". */
  fields?: ClientFieldDef[]
  defaultDueOn: string
  canAssign: boolean
}) {
  const { selected, setAll, allOnPage } = selection
  const actionData = useActionData<BulkActionData>()
  const navigation = useNavigation()
  const [kind, setKind] = useState<BulkKind>('invite')
  const [confirming, setConfirming] = useState(false)
  const [fieldId, setFieldId] = useState(fields[0]?.id ?? '')
  const field = fields.find((f) => f.id === fieldId) ?? fields[0]
  const busy = navigation.state === 'submitting' && navigation.formData?.get('bulk') !== null
  useEffect(() => setConfirming(false), [selected, kind])
  const count = selected.size
  const verb =
    kind === 'invite'
      ? `Email a new invite link to ${clients(count)}? Their old links stop working.`
      : kind === 'task'
        ? `Assign this task to ${clients(count)}?`
        : kind === 'coach'
          ? `Change the coach of ${clients(count)}?`
          : kind === 'cohort'
            ? `Add ${clients(count)} to this cohort?`
            : kind === 'field'
              ? `Set ${field?.name ?? 'this field'} for ${clients(count)}? A blank value clears it.`
              : `Pause ${clients(count)}? Paused clients get no digests until you mark them active.`
  const kinds = (Object.keys(kindLabels) as BulkKind[]).filter(
    (k) =>
      (k !== 'task' || canAssign) && (k !== 'cohort' || cohorts.length > 0) && (k !== 'field' || fields.length > 0),
  )
  return (
    <div className="mt-4 space-y-2">
      <section
        aria-label="Act on several clients"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <label className="flex items-center gap-2 py-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            className="size-4"
            checked={allOnPage}
            disabled={rowCount === 0}
            onChange={(e) => setAll(e.currentTarget.checked)}
          />
          Select all {rowCount} on this page
        </label>
        <p className="py-2 text-sm text-slate-700" aria-live="polite">
          {count === 0 ? 'No clients selected' : `${clients(count)} selected`}
        </p>
        {count > 0 ? (
          <Form method="post" className="flex flex-wrap items-end gap-3" preventScrollReset>
            {[...selected].map((id) => (
              <input key={id} type="hidden" name="clientIds" value={id} />
            ))}
            <div>
              <label htmlFor="bulk-kind" className="block text-sm font-medium text-slate-800">
                Action
              </label>
              <select
                id="bulk-kind"
                name="bulk"
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as BulkKind)}
                className={`mt-1 ${inputClass}`}
              >
                <Options choices={kinds.map((k) => ({ value: k, label: kindLabels[k] }))} />
              </select>
            </div>
            {kind === 'coach' ? (
              <LabelledSelect id="bulk-coach" name="coachId" label="New coach" required options={choicesOf(coaches)} />
            ) : null}
            {kind === 'cohort' ? (
              <LabelledSelect id="bulk-cohort" name="cohortId" label="Cohort" required options={choicesOf(cohorts)} />
            ) : null}
            {kind === 'field' && field ? (
              <>
                <div>
                  <label htmlFor="bulk-field" className="block text-sm font-medium text-slate-800">
                    Field
                  </label>
                  <select
                    id="bulk-field"
                    name="fieldId"
                    value={field.id}
                    onChange={(e) => setFieldId(e.currentTarget.value)}
                    className={`mt-1 ${inputClass}`}
                  >
                    <Options choices={choicesOf(fields)} />
                  </select>
                </div>
                <FieldValueInput key={field.id} field={field} name="value" id="bulk-value" />
              </>
            ) : null}
            {kind === 'task' ? (
              <>
                <LabelledSelect id="bulk-type" name="type" label="Type of task" options={taskTypeChoices} />
                <div>
                  <label htmlFor="bulk-title" className="block text-sm font-medium text-slate-800">
                    Title
                  </label>
                  <input id="bulk-title" name="title" required maxLength={200} className={`mt-1 ${inputClass}`} />
                </div>
                <div>
                  <label htmlFor="bulk-due" className="block text-sm font-medium text-slate-800">
                    Due
                  </label>
                  <input
                    id="bulk-due"
                    name="dueOn"
                    type="date"
                    required
                    defaultValue={defaultDueOn}
                    className={`mt-1 ${inputClass}`}
                  />
                </div>
              </>
            ) : null}
            {confirming ? (
              <div role="alert" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-2 text-sm">
                <span className="font-medium text-amber-950">{verb}</span>
                <Button type="submit" disabled={busy}>
                  {busy ? 'Working…' : `Yes, ${kindLabels[kind].toLowerCase()} (${count})`}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </Button>
              </div>
            ) : (
              <Button
                type="button"
                variant="secondary"
                onClick={(e) => {
                  const form = e.currentTarget.form
                  if (form && !form.reportValidity()) return
                  setConfirming(true)
                }}
              >
                {kindLabels[kind]}…
              </Button>
            )}
          </Form>
        ) : null}
      </section>
      {actionData?.bulkError ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {actionData.bulkError}
        </p>
      ) : null}
      {actionData?.bulk ? <BulkReport result={actionData.bulk} /> : null}
    </div>
  )
}

function BulkReport({ result }: { result: BulkResult & { kind: BulkKind } }) {
  const total = result.outcomes.length
  return (
    <section role="status" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <p className="font-medium">
        {kindLabels[result.kind]}: done for {result.done} of {clients(total + result.notFound)}.
        {result.notFound ? ` ${clients(result.notFound)} not found (not yours, or no longer there).` : ''}
      </p>
      <details className="mt-1">
        <summary className="cursor-pointer text-brand-700">What happened for each client</summary>
        <ul className="mt-1 space-y-0.5">
          {result.outcomes.map((o) => (
            <li key={o.clientId} className={o.ok ? 'text-slate-800' : 'text-amber-900'}>
              {o.name}: {o.message}
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}
