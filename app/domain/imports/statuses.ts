import type { Outcome, Stage } from '~/generated/prisma/enums'
import { normalizeHeader } from './mapping'

// Status words of trackers and spreadsheets, read as the stage reached and the outcome.
// "Declined" alone is an offer the client turned down; "declined by employer" is a rejection.

export type StatusReading = { stage: Stage; outcome: Outcome }

const stageWords: [Stage, string[]][] = [
  [
    'SAVED',
    ['saved', 'wishlist', 'wish list', 'bookmarked', 'bookmark', 'interested', 'to apply', 'not applied', 'draft'],
  ],
  [
    'APPLIED',
    [
      'applied',
      'apply',
      'submitted',
      'application submitted',
      'application sent',
      'sent',
      'in review',
      'under review',
      'application received',
      'pending',
      'awaiting response',
      'waiting',
      'application',
    ],
  ],
  [
    'SCREEN',
    [
      'phone screen',
      'screening',
      'screen',
      'screened',
      'recruiter call',
      'recruiter screen',
      'hr screen',
      'hr call',
      'phone call',
      'phone interview',
      'initial call',
      'intro call',
      'recruiter',
    ],
  ],
  [
    'INTERVIEW',
    [
      'interview',
      'interviewing',
      'interviewed',
      'interviews',
      'onsite',
      'on site',
      'on site interview',
      'onsite interview',
      'technical',
      'technical interview',
      'tech interview',
      'first interview',
      'first round',
      'second interview',
      'second round',
      'video interview',
      'assessment',
      'take home',
      'case study',
    ],
  ],
  ['FINAL', ['final', 'final round', 'final interview', 'final stage', 'last round', 'finals']],
  ['OFFER', ['offer', 'offered', 'offer received', 'offer extended', 'got offer', 'got an offer']],
]

const outcomeWords: [Outcome, string[]][] = [
  ['OFFER_ACCEPTED', ['accepted', 'offer accepted', 'accepted offer', 'hired', 'signed', 'placed']],
  ['OFFER_DECLINED', ['declined', 'offer declined', 'declined offer', 'turned down', 'turned down offer']],
  [
    'REJECTED',
    [
      'rejected',
      'rejection',
      'reject',
      'not selected',
      'declined by employer',
      'employer declined',
      'not moving forward',
      'not progressed',
      'unsuccessful',
      'no longer under consideration',
      'position filled',
      'no offer',
      'turned down by employer',
    ],
  ],
  [
    'GHOSTED',
    ['no response', 'ghosted', 'no reply', 'no answer', 'not heard back', 'never heard back', 'no news', 'silence'],
  ],
  ['WITHDRAWN', ['withdrawn', 'withdrew', 'withdraw', 'i withdrew', 'candidate withdrew', 'pulled out']],
]

const stageByWord = new Map(stageWords.flatMap(([stage, words]) => words.map((w) => [w, stage] as const)))
const outcomeByWord = new Map(outcomeWords.flatMap(([outcome, words]) => words.map((w) => [w, outcome] as const)))

function closed(outcome: Outcome, stage?: Stage): StatusReading {
  if (outcome === 'OFFER_ACCEPTED' || outcome === 'OFFER_DECLINED') return { stage: 'OFFER', outcome }
  return { stage: stage ?? 'APPLIED', outcome }
}

/**
 * The stage and outcome a status word names, or null when it names none. An empty status is an
 * application sent. A stage with an outcome ("Rejected - final round", "Interview: no response")
 * gives both; a rejection alone ends at the application stage.
 */
export function readStatus(value: string): StatusReading | null {
  const words = normalizeHeader(value)
  if (!words) return { stage: 'APPLIED', outcome: 'ACTIVE' }
  const stage = stageByWord.get(words)
  if (stage) return { stage, outcome: 'ACTIVE' }
  const outcome = outcomeByWord.get(words)
  if (outcome) return closed(outcome)
  // "rejected after final round", "final round - rejected", "interview (no response)"
  for (const [phrase, found] of longestFirst(outcomeByWord)) {
    if (!containsPhrase(words, phrase)) continue
    const rest = removePhrase(words, phrase).replace(/^(after|at|in|from)\s+|\s+(stage)$/g, '')
    if (!rest) return closed(found)
    const restStage = stageByWord.get(rest)
    return restStage ? closed(found, restStage) : null
  }
  return null
}

const longestFirst = <T>(map: Map<string, T>) => [...map.entries()].sort((a, b) => b[0].length - a[0].length)
const containsPhrase = (words: string, phrase: string) => ` ${words} `.includes(` ${phrase} `)
const removePhrase = (words: string, phrase: string) => ` ${words} `.replace(` ${phrase} `, ' ').trim()
