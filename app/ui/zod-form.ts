import { useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { z } from 'zod'

// Kept apart from the form components (app/ui/form.tsx): zod is about 37 kB gzip in the browser, and the table pages
// use those components without checking any form in the browser.

/**
 * A Conform form checked in the browser against the same zod schema as the route's action: when
 * submitted, then again on blur (or when `shouldValidate` says, if the options set it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useZodForm<S extends z.ZodType<unknown, Record<string, any>>>(
  schema: S,
  options: Omit<Parameters<typeof useForm<z.input<S>, z.output<S>>>[0], 'onValidate'>,
) {
  return useForm<z.input<S>, z.output<S>>({
    shouldRevalidate: options.shouldValidate ?? 'onBlur',
    ...options,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
}
