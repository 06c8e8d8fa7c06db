import { z } from 'zod'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { cachedFigures } from './caseload-snapshots.server'
import { interventionEffect } from './intervention-effect.server'
import { funnelStages, patternWindows, type FunnelCounts } from './patterns'
import { funnelSplits } from './patterns.server'
import { employerGhostingRates, rejectionHeatMap, timeToFirstResponse } from './patterns-activity.server'

// The patterns page, read in one go: every figure of the caseload over one window, in parallel.

export const PatternsQuery = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((days) => (patternWindows as readonly number[]).includes(days))
    // 30 days by default: the recent picture, and a page that stays fast on a large practice.
    .catch(30),
})

/** The page's figures: stored ones when they are a few minutes old at most (see caseload-snapshots.server.ts). */
export function getPatternsPage(t: TenantContext, days: number, options: { now?: Date; refresh?: boolean } = {}) {
  return cachedFigures(t, `patterns:${days}`, () => computePatternsPage(t, days, options.now), options)
}

export async function computePatternsPage(t: TenantContext, days: number, now = new Date()) {
  const window = { days }
  const [splits, heatMap, responseTimes, ghosting, effects] = await Promise.all([
    funnelSplits(t, window, now),
    rejectionHeatMap(t, window, now),
    timeToFirstResponse(t, window, now),
    employerGhostingRates(t, { ...window, take: 15 }, now),
    interventionEffect(t, { now }),
  ])
  // Every application falls in exactly one group of each split, so one split's rows add up to the
  // caseload's funnel: no second pass over the window's events.
  const funnel = Object.fromEntries(
    funnelStages.map((stage) => [
      stage,
      splits.filter((row) => row.dimension === 'tailored').reduce((sum, row) => sum + row[stage], 0),
    ]),
  ) as FunnelCounts
  return { days, funnel, splits, heatMap, responseTimes, ghosting, effects }
}
