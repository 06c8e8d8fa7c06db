import type { Stage } from '~/generated/prisma/enums'
import type { DigestRejectionGroup, DigestReframe } from '../../../emails/client-digest'
import { rejectionMessage, stageIndex } from '../applications/pipeline'

// How a client's digest talks about the week's rejections: grouped by how far each one got,
// furthest first, with one reframe that fits the furthest stage and one thing to ask. The reframe
// is written once however many rejections came, never pasted under each.

export type WeekRejection = { company: string; roleTitle: string; stage: Stage; feedbackRequested: boolean }

const groupTitles: Partial<Record<Stage, string>> = {
  OFFER: 'At the offer stage',
  FINAL: 'After the final round',
  INTERVIEW: 'After an interview',
  SCREEN: 'After a screening call',
}
const groupTitle = (stage: Stage) => groupTitles[stage] ?? 'At the application stage'
/** Applications closed before a screen all count as the application stage. */
const reached = (stage: Stage): Stage => (stageIndex(stage) < stageIndex('SCREEN') ? 'APPLIED' : stage)

export function groupRejections(rejections: WeekRejection[], listCap = 5): DigestRejectionGroup[] {
  const byStage = new Map<Stage, WeekRejection[]>()
  for (const r of rejections) {
    const stage = reached(r.stage)
    byStage.set(stage, [...(byStage.get(stage) ?? []), r])
  }
  return [...byStage.entries()]
    .sort(([a], [b]) => stageIndex(b) - stageIndex(a))
    .map(([stage, rows]) => ({
      title: groupTitle(stage),
      count: rows.length,
      items: rows.slice(0, listCap).map((r) => ({ company: r.company, roleTitle: r.roleTitle, detail: '' })),
      more: Math.max(0, rows.length - listCap),
    }))
}

const listCompanies = (names: string[]) => {
  const unique = [...new Set(names)]
  if (unique.length <= 2) return unique.join(' and ')
  return `${unique.slice(0, 2).join(', ')} and ${unique.length - 2} more`
}

/** One reframe for the week's rejections: how far the furthest one got, and what to ask. */
export function reframeRejections(rejections: WeekRejection[]): DigestReframe | null {
  if (rejections.length === 0) return null
  const furthest = rejections.map((r) => reached(r.stage)).sort((a, b) => stageIndex(b) - stageIndex(a))[0]!
  const unasked = rejections.filter((r) => reached(r.stage) !== 'APPLIED' && !r.feedbackRequested)
  const ask = unasked.length
    ? `Worth asking ${listCompanies(unasked.map((r) => r.company))}: a short, polite note to the person you spoke with, “Is there anything I could strengthen for a role like this?”`
    : furthest === 'APPLIED'
      ? 'Worth asking yourself: did these roles match your level and experience? Your coach can look at them with you.'
      : null
  return { message: rejectionMessage(furthest), ask }
}
