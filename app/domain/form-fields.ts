import { z } from 'zod'
import { isCalendarDay, notACalendarDay } from '~/lib/dates'

// Form fields many of the domain's schemas ask for, shared by the server and the browser (no database here).

/** Text the person must give: trimmed, `missing` when absent or blank, and at most `max` characters. */
export const requiredText = (missing: string, max: number, tooLong?: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong)

/** A calendar day (YYYY-MM-DD) the person must choose: `missing` when absent or blank. */
export const requiredDay = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(10, notACalendarDay).refine(isCalendarDay, notACalendarDay)
