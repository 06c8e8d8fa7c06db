import { z } from 'zod'
import { taskTypes } from './tasks'
import { requiredText } from '../form-fields'

// The task template form's fields, checked in the browser and on the server. No database here.

export const TaskTemplateInput = z.object({
  type: z.enum(taskTypes, { error: 'Choose a type of task' }),
  title: requiredText('Give the template a title', 200, 'Use at most 200 characters'),
  instructions: z
    .string()
    .trim()
    .max(10_000, 'Use at most 10,000 characters')
    .optional()
    .transform((v) => v ?? ''),
})
export type TaskTemplateInput = z.output<typeof TaskTemplateInput>
