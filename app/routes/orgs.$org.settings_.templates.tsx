import { type SubmissionResult } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getClientIp } from '~/auth/rate-limit.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { taskTypeLabels, taskTypes } from '~/domain/tasks/tasks'
import {
  addTaskTemplate,
  listPracticeTemplates,
  setTaskTemplateRetired,
  updateTaskTemplate,
} from '~/domain/tasks/templates.server'
import { TaskTemplateInput } from '~/domain/tasks/template-input'
import { formatDay } from '~/lib/dates'
import { itemId, parseItemForm } from '~/lib/item-form.server'
import { redirectWithToast } from '~/lib/toast.server'
import { taskTypeChoices } from '~/ui/task-fields'
import { Field, ItemActionForm, SelectField, SubmitButton, TextareaField, type AnyField, ConformForm } from '~/ui/form'
import { useZodForm } from '~/ui/zod-form'
import { SmallMarkdown } from '~/ui/small-markdown'
import { orgPath } from '~/lib/org-path'
import { EmptyNote } from '~/ui/empty-note'

export const meta: MetaFunction = () => [{ title: 'Task templates · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  return { templates: await listPracticeTemplates(t), slug: t.org.slug, timezone: t.org.timezone }
}

const Intent = z.discriminatedUnion('intent', [
  TaskTemplateInput.extend({ intent: z.literal('add') }),
  TaskTemplateInput.extend({ intent: z.literal('edit'), id: itemId }),
  z.object({ intent: z.literal('retire'), id: itemId }),
  z.object({ intent: z.literal('restore'), id: itemId }),
])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const parsed = await parseItemForm(request, Intent)
  if (!parsed.ok) return parsed.refusal
  const { input } = parsed
  const ip = getClientIp(request, context)
  const here = orgPath(t.org.slug, 'settings', 'templates')
  if (input.intent === 'add') {
    await addTaskTemplate(t, input, ip)
    return redirectWithToast(here, { title: 'Template added' })
  }
  const done =
    input.intent === 'edit'
      ? await updateTaskTemplate(t, input.id, input, ip)
      : await setTaskTemplateRetired(t, input.id, input.intent === 'retire', ip)
  if (!done) throw new Response('Not found', { status: 404 })
  const titles = { edit: 'Template saved', retire: 'Template retired', restore: 'Template offered again' }
  return redirectWithToast(here, { title: titles[input.intent] })
}

type Template = ReturnType<typeof useLoaderData<typeof loader>>['templates'][number]

export default function TemplatesPage() {
  const { templates, slug, timezone } = useLoaderData<typeof loader>()
  const byType = taskTypes
    .map((type) => ({ type, items: templates.filter((template) => template.type === type) }))
    .filter((group) => group.items.length > 0)
  return (
    <main className="max-w-3xl space-y-6">
      <div>
        <Link to={orgPath(slug, 'settings')} className="text-sm text-brand-700 underline">
          ← Practice settings
        </Link>
        <h1 className="mt-2 text-2xl font-bold">Task templates</h1>
        <p className="text-slate-700">
          What “Assign a task” fills in for each type of task. Clients read this text. Editing or retiring a template
          never changes a task already assigned. Instructions may use “- ” for bullets, “1. ” for steps, **bold** and
          [links](https://…).
        </p>
      </div>
      {byType.length === 0 ? <EmptyNote>No templates yet. Add one below.</EmptyNote> : null}
      {byType.map((group) => (
        <section key={group.type} aria-labelledby={`type-${group.type}`} className="space-y-2">
          <h2 id={`type-${group.type}`} className="text-lg font-semibold">
            {taskTypeLabels[group.type]}
          </h2>
          <ul className="space-y-2">
            {group.items.map((template, i) => (
              <li key={template.id}>
                <TemplateCard
                  template={template}
                  offered={!template.retiredAt && group.items.findIndex((x) => !x.retiredAt) === i}
                  timezone={timezone}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <AddTemplateForm />
    </main>
  )
}

function useResult(formId: string) {
  const actionData = useActionData<typeof action>()
  return actionData?.formId === formId ? (actionData.result as SubmissionResult<string[]>) : undefined
}

function TemplateCard({ template, offered, timezone }: { template: Template; offered: boolean; timezone: string }) {
  const lastResult = useResult(template.id)
  const [form, fields] = useZodForm(TaskTemplateInput, {
    id: `template-${template.id}`,
    lastResult,
    defaultValue: { type: template.type, title: template.title, instructions: template.instructions },
    shouldRevalidate: 'onInput',
  })
  return (
    <article
      aria-label={template.title}
      className={`rounded-lg border bg-white p-3 shadow-sm ${template.retiredAt ? 'border-dashed border-slate-300' : 'border-slate-200'}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-medium break-words">{template.title}</h3>
          <p className="text-sm text-slate-700">
            {template.retiredAt
              ? `Retired ${formatDay(template.retiredAt, timezone)}: no longer offered`
              : offered
                ? 'Offered when a coach assigns this type of task'
                : 'Kept, not offered: an older template of this type comes first'}
          </p>
        </div>
        <ItemActionForm
          idName="id"
          id={template.id}
          intent={template.retiredAt ? 'restore' : 'retire'}
          label={`${template.retiredAt ? 'Offer again' : 'Retire'}: ${template.title}`}
        >
          {template.retiredAt ? 'Offer again' : 'Retire'}
        </ItemActionForm>
      </div>
      <details className="mt-2" open={Boolean(lastResult)}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700">Read and edit</summary>
        <SmallMarkdown text={template.instructions} className="mt-2 rounded bg-slate-50 p-2 text-sm text-slate-800" />
        <ConformForm form={form} className="mt-3 space-y-3">
          <input type="hidden" name="id" value={template.id} />
          <TemplateFields fields={fields} rows={8} />
          <SubmitButton intent="edit" pendingText="Saving…">
            Save template
          </SubmitButton>
        </ConformForm>
      </details>
    </article>
  )
}

function TemplateFields({
  fields,
  rows,
  placeholder,
}: {
  fields: Record<'type' | 'title' | 'instructions', AnyField>
  rows: number
  placeholder?: string
}) {
  return (
    <>
      <SelectField label="Type of task" field={fields.type} options={taskTypeChoices} placeholder={placeholder} />
      <Field label="Title" field={fields.title} />
      <TextareaField label="Instructions" field={fields.instructions} rows={rows} />
    </>
  )
}

function AddTemplateForm() {
  const lastResult = useResult('add')
  const [form, fields] = useZodForm(TaskTemplateInput, {
    id: 'add-template',
    lastResult,
    shouldRevalidate: 'onInput',
  })
  return (
    <section
      aria-labelledby="add-template-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="add-template-heading" className="text-lg font-semibold">
        Add a template
      </h2>
      <ConformForm form={form} className="mt-3 space-y-3">
        <TemplateFields fields={fields} rows={6} placeholder="Choose a type" />
        <SubmitButton intent="add" pendingText="Adding…">
          Add template
        </SubmitButton>
      </ConformForm>
    </section>
  )
}
