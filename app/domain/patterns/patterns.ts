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

/**
 * Below this, a comparison is drawn muted and labelled "small sample": a figure from fewer than
 * five clients says more about those people than about what works.
 */
export const minimumSample = { clients: 5, applications: 20 } as const

export const isSmallSample = (clients: number) => clients < minimumSample.clients

/** The windows the patterns page offers, in days. */
export const patternWindows = [30, 90, 180] as const
