import { z } from 'zod'
import { noteField } from '~/lib/note-field'

// The weekly check-in form's schema (not .server: the page validates with it in the browser too).

const scale = (what: string) =>
  z.coerce
    .number({ error: `Choose how your ${what} is, from 1 to 5` })
    .int(`Choose how your ${what} is, from 1 to 5`)
    .min(1, `Choose how your ${what} is, from 1 to 5`)
    .max(5, `Choose how your ${what} is, from 1 to 5`)

export const CheckInInput = z.object({
  mood: scale('mood'),
  energy: scale('energy'),
  confidence: scale('confidence'),
  note: noteField(2000),
})
export type CheckInInput = z.input<typeof CheckInInput>
