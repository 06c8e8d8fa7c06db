import type { Stage } from '~/generated/prisma/enums'

// Words and constants of the caseload figures, shared by server and browser. No database here.

/** The funnel's stages: an application counts at each stage it ever reached (by its StageEvents). */
export const funnelStages = ['APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const satisfies readonly Stage[]
export type FunnelStage = (typeof funnelStages)[number]
export type FunnelCounts = Record<FunnelStage, number>

/**
 * The encouraging reference figure a client with discouraging numbers sees (DESIGN.md): seed 004
 * quotes about 5 interviews out of 250 applicants to a posting, about 2%.
 */
export const encouragingReference = {
  applicants: 250,
  interviewed: 5,
  interviewRate: 0.02,
  message:
    'Only about 2% of the people who apply to a posting reach an interview: about 5 out of every 250. Every screen and interview you reach is real progress.',
} as const

/** Below this, a figure is shown with a note that the sample is too small to read much into. */
export const minimumSample = { clients: 3, applications: 20 } as const

/** Midnight at the start of a calendar date (YYYY-MM-DD) in a timezone, as an instant. */
export function startOfDayIn(date: string, timeZone: string) {
  const utcMidnight = new Date(`${date}T00:00:00.000Z`)
  const local = new Date(utcMidnight.toLocaleString('en-US', { timeZone }))
  const asUtc = new Date(utcMidnight.toLocaleString('en-US', { timeZone: 'UTC' }))
  return new Date(utcMidnight.getTime() - (local.getTime() - asUtc.getTime()))
}

/** The windows the patterns page offers, in days. */
export const patternWindows = [30, 90, 180] as const
