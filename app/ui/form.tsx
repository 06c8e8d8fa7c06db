import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from '@conform-to/react'
import { Form, useNavigation } from '@remix-run/react'
import type { ButtonHTMLAttributes, ReactNode } from 'react'

// Form pieces shared by every Conform form: a labelled field with its errors, and a submit
// button that shows progress while the form is submitting.

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none aria-[invalid=true]:border-red-600'

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  )
}

// Any form: the components only read its id, errors and what getFormProps reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyForm = FormMetadata<any>

/** A Conform form that posts to its route, with the form's own errors (not a field's) above its fields. */
export function ConformForm({
  form,
  className,
  errorsClassName,
  children,
}: {
  form: AnyForm
  className?: string
  /** Where the errors are wrapped in a box of their own (a row of a grid form), its classes. */
  errorsClassName?: string
  children: ReactNode
}) {
  const errors = <FormErrors id={form.errorId} errors={form.errors} />
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      {errorsClassName ? <div className={errorsClassName}>{errors}</div> : errors}
      {children}
    </Form>
  )
}

// Any field of any form: the components only read its id, name, errors and default value.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = FieldMetadata<any, any, any>

type FieldProps = {
  label: string
  field: AnyField
  type?: 'text' | 'time' | 'email' | 'password' | 'number' | 'date' | 'url' | 'datetime-local' | 'tel'
  hint?: ReactNode
  autoComplete?: string
  placeholder?: string
  min?: string
}

export function Field({ label, field, type = 'text', hint, autoComplete, placeholder, min }: FieldProps) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${field.id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        {...getInputProps(field, { type, ariaDescribedBy: hint ? `${field.id}-hint` : undefined })}
        key={field.key}
        autoComplete={autoComplete}
        placeholder={placeholder}
        min={min}
        className={`mt-1 ${inputClass}`}
      />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** What a new password needs, said where a person first chooses one. */
export const newPasswordHint = 'At least 8 characters. A few words you’ll remember work well.'

/**
 * A password field: the one the person has (`current`), or one they choose (`new`), which the browser
 * may offer to make up and remember.
 */
export function PasswordField({
  label = 'Password',
  field,
  purpose,
  hint,
}: {
  label?: string
  field: AnyField
  purpose: 'current' | 'new'
  hint?: ReactNode
}) {
  return <Field label={label} field={field} type="password" autoComplete={`${purpose}-password`} hint={hint} />
}

export function TextareaField({ label, field, rows = 3 }: { label: string; field: AnyField; rows?: number }) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea {...getTextareaProps(field)} key={field.key} rows={rows} className={`mt-1 ${inputClass}`} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function SelectField({
  label,
  field,
  options,
  placeholder,
}: {
  label: string
  field: AnyField
  options: { value: string; label: string }[]
  placeholder?: string
}) {
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select {...getSelectProps(field)} key={field.key} className={`mt-1 ${inputClass}`}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

/** A checkbox with its label after it. */
export function Checkbox({ field, label }: { field: AnyField; label: ReactNode }) {
  return (
    <div className="flex items-start gap-2">
      <input {...getInputProps(field, { type: 'checkbox' })} key={field.key} className="mt-1 size-4" />
      <label htmlFor={field.id} className="text-sm text-slate-800">
        {label}
      </label>
    </div>
  )
}

/** A value to copy (a link, a secret): read-only, and selected whole when it takes focus. */
export function CopyInput({
  value,
  className,
  ...props
}: { value: string; className: string } & ({ id: string } | { 'aria-label': string })) {
  return <input {...props} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className={className} />
}

/** A value to copy under its label. */
export function CopyField({
  id,
  label,
  value,
  labelClassName,
  className,
}: {
  id: string
  label: string
  value: string
  labelClassName: string
  className: string
}) {
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      <CopyInput id={id} value={value} className={className} />
    </>
  )
}

/** An option of a select: its value and what it reads. */
export type Choice = { value: string; label: string }
/** Ids and names as a select's options. */
export const choicesOf = (rows: readonly { id: string; name: string }[]): Choice[] =>
  rows.map((r) => ({ value: r.id, label: r.name }))

/**
 * A labelled select outside a Conform form: a page's GET filters, or a small action form. `first`
 * options come before `options` (an "All …" or "Everyone" choice).
 */
export function LabelledSelect({
  id,
  name,
  label,
  options,
  first = [],
  defaultValue,
  required,
  hint,
  className = '',
}: {
  id: string
  name: string
  label: string
  options: readonly Choice[]
  first?: readonly Choice[]
  defaultValue?: string
  required?: boolean
  /** A line below the select that describes it. */
  hint?: string
  className?: string
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={`mt-1 ${inputClass} ${className}`.trim()}
      >
        {[...first, ...options].map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 max-w-48 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' }

const variants = {
  primary: 'bg-brand-700 text-white hover:bg-brand-800',
  secondary: 'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100',
  danger: 'bg-red-700 text-white hover:bg-red-800',
}

export function Button({ variant = 'primary', className = '', ...props }: ButtonProps) {
  return (
    <button
      {...props}
      className={`inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60 ${variants[variant]} ${className}`}
    />
  )
}

/**
 * A submit button that says it is working while this form (or the given intent) submits.
 * With `intent`, the button itself sends `intent=<value>`: don't add a hidden intent input too,
 * or the form sends the field twice and fails to parse.
 */
export function SubmitButton({
  children,
  pendingText,
  intent,
  ...props
}: ButtonProps & { pendingText?: string; intent?: string }) {
  const navigation = useNavigation()
  const pending =
    navigation.state === 'submitting' && (intent === undefined || navigation.formData?.get('intent') === intent)
  return (
    <Button
      type="submit"
      name={intent ? 'intent' : undefined}
      value={intent}
      disabled={pending}
      aria-busy={pending}
      {...props}
    >
      {pending ? (pendingText ?? 'Saving…') : children}
    </Button>
  )
}

/**
 * A one-button form that acts on one item of a list: it posts `intent` with the item's id as `idName`.
 * The accessible `label` names the item, since every row's button reads the same. With `pendingText`
 * the button says it is working while it submits; `look="link"` draws it as a red link.
 */
export function ItemActionForm({
  idName,
  id,
  intent,
  label,
  children,
  action,
  preventScrollReset,
  pendingText,
  variant = 'secondary',
  look = 'button',
  className,
}: {
  idName: string
  id: string
  intent: string
  label: string
  children: ReactNode
  action?: string
  preventScrollReset?: boolean
  pendingText?: string
  variant?: ButtonProps['variant']
  look?: 'button' | 'link'
  className?: string
}) {
  const button = { name: 'intent', value: intent, 'aria-label': label, className }
  return (
    <Form method="post" action={action} preventScrollReset={preventScrollReset}>
      <input type="hidden" name={idName} value={id} />
      {look === 'link' ? (
        <button type="submit" {...button} className="text-red-800 underline">
          {children}
        </button>
      ) : pendingText ? (
        <SubmitButton intent={intent} variant={variant} pendingText={pendingText} {...button}>
          {children}
        </SubmitButton>
      ) : (
        <Button type="submit" variant={variant} {...button}>
          {children}
        </Button>
      )}
    </Form>
  )
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null
  return (
    <div id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
      {errors.join(' ')}
    </div>
  )
}
