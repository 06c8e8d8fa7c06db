import { todayIn } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { applicationStageWall, lowTailoring, seniorityReach } from './rules-applications.server'
import { ghosted, momentumDrop, moraleDrop } from './rules-activity.server'
import { employerGhosting, reasonCluster } from './rules-caseload.server'
import { feedbackNotRequested, finalRoundWall, firstInterviewWall } from './rules-interviews.server'
import { insightSettings } from './settings'
import type { ComputedInsight, RuleContext } from './types'

// Every rule of DESIGN.md's Patterns table, each one SQL query over the whole practice.

const rules = [
  applicationStageWall,
  seniorityReach,
  lowTailoring,
  firstInterviewWall,
  finalRoundWall,
  feedbackNotRequested,
  ghosted,
  momentumDrop,
  moraleDrop,
  reasonCluster,
  employerGhosting,
]

/** The insights that hold for the practice at `now`, most severe first. Nothing is stored. */
export async function computeInsights(t: TenantContext, now = new Date()): Promise<ComputedInsight[]> {
  const ctx: RuleContext = { now, settings: insightSettings(t.org), today: todayIn(t.org.timezone, now) }
  const results = await Promise.all(rules.map((rule) => rule(t, ctx)))
  return results
    .flat()
    .sort(
      (a, b) => b.severity - a.severity || a.kind.localeCompare(b.kind) || a.fingerprint.localeCompare(b.fingerprint),
    )
}
