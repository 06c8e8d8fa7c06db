import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import {
  ClientFieldInput,
  clientFieldKindLabels,
  clientFieldKinds,
  isChoiceKind,
} from '~/domain/client-fields/client-field-input'
import {
  createClientField,
  deleteClientField,
  listClientFields,
  moveClientField,
  setClientFieldRetired,
  updateClientField,
} from '~/domain/client-fields/client-fields.server'
import { orgPath } from '~/lib/org-path'
import { itemId, parseItemForm } from '~/lib/item-form.server'
import { inputErrorReply, notFound } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { Button, inputClass } from '~/ui/form'
import { Panel } from '~/ui/panel'
import { Options } from '~/ui/options'
import type { ReactNode } from 'react'
import { EmptyNote } from '~/ui/empty-note'

// Custom client fields (docs/decisions/0039): owners and admins add, rename, order and retire them.

export const meta: MetaFunction = () => [{ title: 'Client fields · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'fields:manage')
  return { fields: await listClientFields(t, { withRetired: true }), slug: t.org.slug }
}

const Intent = z.union([
  z.object({ intent: z.literal('add') }).and(ClientFieldInput),
  z.object({ intent: z.literal('edit'), id: itemId }).and(ClientFieldInput),
  z.object({ intent: z.enum(['retire', 'restore', 'delete', 'up', 'down']), id: itemId }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'fields:manage')
  const parsed = await parseItemForm(request, Intent)
  if (!parsed.ok) return parsed.refusal
  const { formId, submission, input } = parsed
  const here = orgPath(t.org.slug, 'settings', 'fields')
  try {
    if (input.intent === 'add') {
      const field = await createClientField(t, input)
      return redirectWithToast(here, {
        title: `${field.name} added`,
        description: 'Set it on the client form or from the roster.',
      })
    }
    const done =
      input.intent === 'edit'
        ? await updateClientField(t, input.id, input)
        : input.intent === 'delete'
          ? await deleteClientField(t, input.id)
          : input.intent === 'up' || input.intent === 'down'
            ? await moveClientField(t, input.id, input.intent)
            : await setClientFieldRetired(t, input.id, input.intent === 'retire')
    if (!done) throw notFound()
    const titles = {
      edit: 'Field saved',
      delete: 'Field deleted',
      up: 'Field moved',
      down: 'Field moved',
      retire: 'Field retired: hidden, its values kept',
      restore: 'Field restored',
    }
    return redirectWithToast(here, { title: titles[input.intent] })
  } catch (error) {
    return inputErrorReply(submission, error, { formId })
  }
}

type Field = ReturnType<typeof useLoaderData<typeof loader>>['fields'][number]

const kindChoices = clientFieldKinds.map((k) => ({ value: k, label: clientFieldKindLabels[k] }))

/** A control of the field form with its label above it and its error below. */
function Labelled({
  id,
  label,
  error,
  className,
  children,
}: {
  id: string
  label: string
  error: ReactNode
  className?: string
  children: ReactNode
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {error}
    </div>
  )
}

function FieldForm({ field, formId }: { field?: Field; formId: string }) {
  const actionData = useActionData<typeof action>()
  const mine = actionData?.formId === formId ? actionData.result : undefined
  const typed = mine?.initialValue as Record<string, string> | undefined
  const errors = mine?.error ?? {}
  const value = (name: string, fallback: string) => typed?.[name] ?? fallback
  const err = (name: string) =>
    errors[name]?.length ? (
      <p id={`${formId}-${name}-error`} className="mt-1 text-sm text-red-800" role="alert">
        {errors[name]!.join(' ')}
      </p>
    ) : null
  /** A control's id, name and classes, and its error when the action sent one back. */
  const control = (name: string) => ({
    id: `${formId}-${name}`,
    name,
    className: `mt-1 w-full ${inputClass}`,
    ...(errors[name]?.length ? { 'aria-invalid': true, 'aria-describedby': `${formId}-${name}-error` } : {}),
  })
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-2" key={`${formId}-${JSON.stringify(typed ?? {})}`}>
      <input type="hidden" name="intent" value={field ? 'edit' : 'add'} />
      {field ? <input type="hidden" name="id" value={field.id} /> : null}
      {mine?.error?.['']?.length ? (
        <p role="alert" className="text-sm text-red-800 sm:col-span-2">
          {mine.error['']!.join(' ')}
        </p>
      ) : null}
      <Labelled id={`${formId}-name`} label="Name" error={err('name')}>
        <input {...control('name')} defaultValue={value('name', field?.name ?? '')} maxLength={60} />
      </Labelled>
      <Labelled id={`${formId}-kind`} label="Kind" error={err('kind')}>
        <select {...control('kind')} defaultValue={value('kind', field?.kind ?? 'TEXT')}>
          <Options choices={kindChoices} />
        </select>
      </Labelled>
      <Labelled
        id={`${formId}-choices`}
        label="Choices (for a single or multiple choice field), one a line"
        error={err('choices')}
        className="sm:col-span-2"
      >
        <textarea {...control('choices')} rows={3} defaultValue={value('choices', field?.choices.join('\n') ?? '')} />
      </Labelled>
      <div>
        <Button type="submit">{field ? 'Save field' : 'Add field'}</Button>
      </div>
    </Form>
  )
}

export default function ClientFieldsSettings() {
  const { fields, slug } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <main className="max-w-3xl space-y-6">
      <div>
        <Link to={orgPath(slug, 'settings')} className="text-sm text-brand-700 underline">
          ← Practice settings
        </Link>
        <h1 className="mt-2 text-2xl font-bold">Client fields</h1>
        <p className="text-slate-700">
          Fields your practice keeps on every client: a programme, a location, a start date. They show on the client
          form, as columns and filters on the roster and the applications table. A field that clients have values for is
          retired rather than deleted: hidden everywhere, its values kept until you restore it.
        </p>
      </div>
      {fields.length === 0 ? (
        <EmptyNote roomy className="text-center">
          No fields yet. Add the first one below.
        </EmptyNote>
      ) : (
        <ol className="space-y-3">
          {fields.map((f, i) => (
            <li key={f.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  {f.name}{' '}
                  <span className="text-sm font-normal text-slate-700">
                    {clientFieldKindLabels[f.kind]}
                    {isChoiceKind(f.kind) ? `: ${f.choices.join(', ')}` : ''}
                    {f.retiredAt ? ' · retired' : ''}
                  </span>
                </h2>
                <Form method="post" className="flex flex-wrap gap-2">
                  <input type="hidden" name="id" value={f.id} />
                  {i > 0 ? (
                    <Button type="submit" name="intent" value="up" variant="secondary" aria-label={`Move ${f.name} up`}>
                      ↑
                    </Button>
                  ) : null}
                  {i < fields.length - 1 ? (
                    <Button
                      type="submit"
                      name="intent"
                      value="down"
                      variant="secondary"
                      aria-label={`Move ${f.name} down`}
                    >
                      ↓
                    </Button>
                  ) : null}
                  <Button type="submit" name="intent" value={f.retiredAt ? 'restore' : 'retire'} variant="secondary">
                    {f.retiredAt ? 'Restore' : 'Retire'}
                  </Button>
                  <Button type="submit" name="intent" value="delete" variant="secondary">
                    Delete
                  </Button>
                </Form>
              </div>
              {actionData?.formId === f.id && actionData.result.error?.['']?.length ? (
                <p role="alert" className="mt-2 text-sm text-red-800">
                  {actionData.result.error['']!.join(' ')}
                </p>
              ) : null}
              <details className="mt-2" open={actionData?.formId === f.id && Boolean(actionData.result.error)}>
                <summary className="cursor-pointer text-sm text-brand-700">Edit {f.name}</summary>
                <div className="mt-3">
                  <FieldForm field={f} formId={f.id} />
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
      <Panel id="new-field" title="New field" headingClassName="mb-3">
        {/* Keyed on the count, so that the form is blank again once a field is added. */}
        <FieldForm formId="add" key={fields.length} />
      </Panel>
    </main>
  )
}
