import type { ReactNode } from 'react'
import { ConformForm, type AnyForm } from './form'

/**
 * A form of the sign-in steps (password, organisation, second factor, recovery code): its fields one under another,
 * and the page to land on once signed in (`redirectTo`), carried through the post.
 */
export function SignInForm({
  form,
  redirectTo,
  className = 'space-y-4',
  children,
}: {
  form: AnyForm
  redirectTo: string
  className?: string
  children: ReactNode
}) {
  return (
    <ConformForm form={form} className={className}>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {children}
    </ConformForm>
  )
}
