import { useForm } from '@conform-to/react'

import type { ReactNode } from 'react'
import { Button, ConformForm } from '~/ui/form'
import { notRecent } from './not-recent'
import type { ActionData } from './route'

/**
 * A change of one button that needs a fresh sign-in: the note that says so when the sign-in is older,
 * then the form, which shows the action's refusal of its own intent.
 */
export function RecentChangeForm({
  id,
  intent,
  recent,
  actionData,
  variant,
  children,
}: {
  id: string
  intent: string
  recent: boolean
  actionData: ActionData
  variant: 'secondary' | 'danger'
  children: ReactNode
}) {
  const [form] = useForm({
    id,
    lastResult: actionData?.result.initialValue?.intent === intent ? actionData?.result : undefined,
  })
  return (
    <>
      {!recent ? <p className="mt-2 text-sm text-slate-600">{notRecent}</p> : null}
      <ConformForm form={form} className="mt-4 space-y-3">
        <Button type="submit" name="intent" value={intent} variant={variant}>
          {children}
        </Button>
      </ConformForm>
    </>
  )
}
