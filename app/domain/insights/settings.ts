import { z } from 'zod'
import type { RejectionReason } from '~/generated/prisma/enums'
import { rejectionReasons } from '../applications/pipeline'

// The thresholds of DESIGN.md's Patterns table, as practice settings. Organization.insightSettings
// holds only the keys a practice changed; everything else takes these defaults. No database here,
// so the settings page can use the same schema.

const count = (fallback: number) => z.number().int().min(1).max(10_000).default(fallback)
const days = (fallback: number) => z.number().int().min(1).max(730).default(fallback)
const share = (fallback: number) => z.number().min(0).max(1).default(fallback)

export const InsightSettings = z.object({
  applicationStageWall: z
    .object({ minApplications: count(15), windowDays: days(60), maxScreenRate: share(0.05) })
    .prefault({}),
  seniorityReach: z.object({ minShare: share(0.6), minRejections: count(5), windowDays: days(90) }).prefault({}),
  lowTailoring: z
    .object({ maxTailoredShare: share(0.3), minApplications: count(10), windowDays: days(60) })
    .prefault({}),
  firstInterviewWall: z.object({ minInterviews: count(3), windowDays: days(120) }).prefault({}),
  finalRoundWall: z.object({ minRejections: count(2), windowDays: days(180) }).prefault({}),
  feedbackNotRequested: z.object({ withinDays: days(7), lookbackDays: days(30) }).prefault({}),
  ghosted: z.object({ minApplications: count(1) }).prefault({}),
  momentumDrop: z.object({ weeksUnderGoal: count(2), noUpdateDays: days(14) }).prefault({}),
  moraleDrop: z
    .object({
      moodDrop: z.number().int().min(1).max(4).default(2),
      lowMood: z.number().int().min(1).max(5).default(2),
      streakRejections: count(3),
      streakDays: days(14),
    })
    .prefault({}),
  reasonCluster: z
    .object({
      minClients: count(3),
      windowDays: days(30),
      reasons: z
        .array(z.enum(rejectionReasons))
        .default(['SKILLS_GAP', 'EXPERIENCE_LEVEL', 'CULTURE_FIT'] satisfies RejectionReason[]),
    })
    .prefault({}),
  employerGhosting: z.object({ minClients: count(3), minGhostedShare: share(0.7), windowDays: days(180) }).prefault({}),
})
export type InsightSettings = z.infer<typeof InsightSettings>

export const defaultInsightSettings: InsightSettings = InsightSettings.parse({})

/**
 * The practice's thresholds: its overrides on top of the defaults. A malformed override (an old
 * key, a wrong type) falls back to the default for that group rather than breaking the engine.
 */
export function insightSettings(org: { insightSettings: unknown }): InsightSettings {
  const raw = isObject(org.insightSettings) ? org.insightSettings : {}
  const settings = { ...defaultInsightSettings }
  for (const key of Object.keys(settings) as (keyof InsightSettings)[]) {
    const group = InsightSettings.shape[key].safeParse(raw[key] ?? {})
    if (group.success) Object.assign(settings, { [key]: group.data })
  }
  return settings
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
