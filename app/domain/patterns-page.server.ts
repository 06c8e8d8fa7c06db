import { z } from 'zod'
import type { TenantContext } from '~/tenancy.server'
import { interventionEffect } from './intervention-effect.server'
import { patternWindows } from './patterns'
import { caseloadFunnel, funnelSplits } from './patterns.server'
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

export async function getPatternsPage(t: TenantContext, days: number, now = new Date()) {
  const window = { days }
  const [funnel, splits, heatMap, responseTimes, ghosting, effects] = await Promise.all([
    caseloadFunnel(t, window, now),
    funnelSplits(t, window, now),
    rejectionHeatMap(t, window, now),
    timeToFirstResponse(t, window, now),
    employerGhostingRates(t, { ...window, take: 15 }, now),
    interventionEffect(t, { now }),
  ])
  return { days, funnel: funnel.funnel, splits, heatMap, responseTimes, ghosting, effects }
}
