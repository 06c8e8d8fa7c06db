import { z } from 'zod'

// A form's free-text note: trimmed, at most `max` characters, and null when left empty or sent as null.
// Not .server: the forms validate with it in the browser too.

export function noteField(max: number, tooLong = `Use at most ${max} characters`) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .nullish()
    .transform((v) => v || null)
}
