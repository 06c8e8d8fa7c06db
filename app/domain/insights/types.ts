import type { InsightKind, TaskType } from '~/generated/prisma/enums'
import type { InsightSettings } from './settings'

/** One insight as the engine computes it, before it is stored. */
export type ComputedInsight = {
  kind: InsightKind
  /** Identifies the same insight across recomputations: the client's id, or the subject of a caseload insight. */
  fingerprint: string
  /** Null for a caseload insight (REASON_CLUSTER, EMPLOYER_GHOSTING). */
  clientId: string | null
  /** 0 to 100, see severityBands in kinds.ts and docs/decisions/0008-insights-engine.md. */
  severity: number
  evidence: InsightEvidence
  /** A count that grows with the evidence; a dismissed insight reopens when it grows past the size it was dismissed at. */
  evidenceSize: number
  suggestedTask: { type: TaskType; title: string }
}

/** The numbers behind an insight and the applications (at most 20) and clients it is about. */
export type InsightEvidence = {
  applicationIds: string[]
  /** The clients a caseload insight names. */
  clientIds?: string[]
  [figure: string]: unknown
}

export type RuleContext = {
  now: Date
  settings: InsightSettings
  /** Today in the practice's timezone, YYYY-MM-DD. */
  today: string
}
