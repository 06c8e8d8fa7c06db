import { getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { useState } from 'react'
import { taskTypeLabels, taskTypes, type TaskType } from '~/domain/tasks/tasks'
import { ErrorList, inputClass, type AnyField } from '~/ui/form'
import { Options } from '~/ui/options'

/** The types of task as a select's choices. */
export const taskTypeChoices = taskTypes.map((type) => ({ value: type, label: taskTypeLabels[type] }))

// The fields of a task a coach assigns, shared by the task board, an application's page and an insight:
// its type, title and instructions (choosing a type swaps in that type's template; what the coach typed
// before stays until then), and the optional message that goes with it.

type Prefill = { title: string; instructions: string }

export function TaskTemplateFields({
  type,
  title,
  instructions,
  prefills,
  rows = 8,
  wideClass,
}: {
  /** Without a type field the task's type is fixed and only its words are edited. */
  type?: AnyField
  title: AnyField
  instructions: AnyField
  prefills?: Partial<Record<TaskType, Prefill>>
  rows?: number
  /** For the title and instructions, where a grid gives them the whole width. */
  wideClass?: string
}) {
  const [chosen, setChosen] = useState<TaskType | null>(null)
  const prefill = chosen ? prefills?.[chosen] : undefined
  return (
    <>
      {type ? (
        <div>
          <label htmlFor={type.id} className="block text-sm font-medium text-slate-800">
            Type
          </label>
          <select
            {...getSelectProps(type)}
            key={type.key}
            onChange={(event) => setChosen(event.currentTarget.value as TaskType)}
            className={`mt-1 ${inputClass}`}
          >
            <Options choices={taskTypeChoices} />
          </select>
          <ErrorList id={type.errorId} errors={type.errors} />
        </div>
      ) : null}
      <div className={wideClass}>
        <label htmlFor={title.id} className="block text-sm font-medium text-slate-800">
          Title
        </label>
        <input
          {...getInputProps(title, { type: 'text' })}
          key={`${title.key}-${chosen}`}
          {...(chosen && { defaultValue: prefill?.title })}
          className={`mt-1 ${inputClass}`}
        />
        <ErrorList id={title.errorId} errors={title.errors} />
      </div>
      <div className={wideClass}>
        <label htmlFor={instructions.id} className="block text-sm font-medium text-slate-800">
          Instructions
        </label>
        <textarea
          {...getTextareaProps(instructions)}
          key={`${instructions.key}-${chosen}`}
          {...(chosen && { defaultValue: prefill?.instructions })}
          rows={rows}
          className={`mt-1 ${inputClass}`}
        />
        <ErrorList id={instructions.errorId} errors={instructions.errors} />
      </div>
    </>
  )
}

/** The optional message to the client that is sent with the task, with where it lands. */
export function TaskMessageField({ field, hint, className }: { field: AnyField; hint: string; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        Message to the client (optional)
      </label>
      <p id={`${field.id}-hint`} className="text-sm text-slate-700">
        {hint}
      </p>
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: `${field.id}-hint` })}
        key={field.key}
        rows={3}
        className={`mt-1 ${inputClass}`}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}
