import type { InsightKind } from '~/generated/prisma/enums'
import { suggestionFor } from './kinds'
import type { ComputedInsight } from './types'

// How a rule turns what its query found into an insight: the fingerprint, and the task its kind suggests.

type Found = Pick<ComputedInsight, 'severity' | 'evidence' | 'evidenceSize'>

/** The task an insight suggests, as stored with it (the instructions are read from its kind). */
export function suggestedTask(kind: InsightKind, evidence?: unknown) {
  const { type, title } = suggestionFor(kind, evidence)
  return { type, title }
}

/** An insight about one client, who is also its fingerprint. */
export function clientInsight(kind: InsightKind, clientId: string, found: Found): ComputedInsight {
  return { kind, fingerprint: clientId, clientId, ...found, suggestedTask: suggestedTask(kind) }
}

/** A caseload insight (no client of its own), fingerprinted by its subject. */
export function caseloadInsight(kind: InsightKind, fingerprint: string, found: Found): ComputedInsight {
  return { kind, fingerprint, clientId: null, ...found, suggestedTask: suggestedTask(kind, found.evidence) }
}
