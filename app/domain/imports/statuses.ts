import type { Outcome, RejectionReason, Stage } from '~/generated/prisma/enums'

// Status words as people write them in trackers and their own spreadsheets, read as the stage
// reached and the outcome. A value is read word by word, so combinations and abbreviations read
// too: "int 2 / rej" (interview, then rejected), "rej after phone", "offer - declined", "onsite → ghosted".
// Every word of the value must be known; a value with an unknown word is not guessed at.

export type StatusReading = { stage: Stage; outcome: Outcome; reason?: RejectionReason }

type Meaning =
  | { stage: Stage }
  | { outcome: Outcome; reason?: RejectionReason }
  | { declined: true }
  | { self: true }
  | { employer: true }
  | { filler: true }

const stagePhrases: [Stage, string[]][] = [
  [
    'SAVED',
    [
      'saved',
      'wishlist',
      'wish list',
      'bookmarked',
      'bookmark',
      'interested',
      'to apply',
      'not applied',
      'not started',
      'not yet applied',
      'planning to apply',
      'draft',
      'applying',
    ],
  ],
  [
    'APPLIED',
    [
      'applied',
      'apply',
      'app',
      'submitted',
      'application',
      'sent',
      'cv sent',
      'resume sent',
      'in review',
      'review',
      'reviewed',
      'under review',
      'reviewing',
      'received',
      'easy apply',
      'in progress',
      'in process',
      'processing',
      'considering',
      'being considered',
      'under consideration',
    ],
  ],
  [
    'SCREEN',
    [
      'phone screen',
      'phone',
      'screening',
      'screen',
      'screened',
      'recruiter',
      'recruiter call',
      'recruiter screen',
      'hr',
      'hr screen',
      'hr call',
      'call',
      'phone call',
      'phone interview',
      'initial call',
      'telephone',
      'telephone interview',
      'telephone screen',
      'phone screened',
      'intro call',
      'intro',
      'ps',
    ],
  ],
  [
    'INTERVIEW',
    [
      'interview',
      'interviews',
      'interviewing',
      'interviewed',
      'int',
      'intv',
      'inter',
      'iv',
      'onsite',
      'on site',
      'technical',
      'tech',
      'tech screen',
      'technical screen',
      'video interview',
      'zoom',
      'first round',
      'second round',
      'third round',
      'hiring manager',
      'hm',
      'panel',
      'assessment',
      'online assessment',
      'oa',
      'coding challenge',
      'challenge',
      'take home',
      'homework',
      'hw',
      'case study',
      'case',
      'test',
      'skills test',
      'online test',
      'online tests',
      'aptitude test',
      'psychometric test',
      'assessment centre',
      'assessment center',
      'assessment day',
      'codesignal',
      'hackerrank',
      'codility',
      'hirevue',
      'next round',
      'video',
      'task',
    ],
  ],
  ['FINAL', ['final', 'finals', 'final round', 'final interview', 'final stage', 'last round', 'superday']],
  [
    'OFFER',
    [
      'offer',
      'offered',
      'offer received',
      'offer extended',
      'verbal offer',
      'written offer',
      'negotiating',
      'negotiation',
    ],
  ],
]

const closedByEmployer = { outcome: 'REJECTED', reason: 'POSITION_FILLED' } as const
const outcomePhrases: [Meaning, string[]][] = [
  [{ outcome: 'OFFER_ACCEPTED' }, ['accepted', 'hired', 'signed', 'placed', 'started', 'joined']],
  [
    { outcome: 'REJECTED' },
    [
      'rejected',
      'rejection',
      'reject',
      'rej',
      'rejd',
      'auto reject',
      'auto rejected',
      'auto rejection',
      'auto rej',
      'did not move forward',
      'didn t move forward',
      'not proceeding',
      'not shortlisted',
      'no longer considered',
      'not selected',
      'not moving forward',
      'not progressed',
      'unsuccessful',
      'no longer under consideration',
      'no offer',
      'not a fit',
      'denied',
      'turned down',
      'rescinded',
      'offer rescinded',
      'failed',
      'dinged',
    ],
  ],
  [
    closedByEmployer,
    [
      'position filled',
      'role filled',
      'filled',
      'posting removed',
      'posting closed',
      'post removed',
      'job removed',
      'listing removed',
      'position removed',
      'position closed',
      'role closed',
      'job closed',
      'closed',
      'cancelled',
      'canceled',
      'position cancelled',
      'position canceled',
      'role cancelled',
      'role canceled',
      'req cancelled',
      'req closed',
      'hiring freeze',
      'no longer accepting',
      'expired',
      'removed',
    ],
  ],
  [
    { outcome: 'GHOSTED' },
    [
      'no response',
      'no resp',
      'no reply',
      'no answer',
      'not heard back',
      'never heard back',
      'never heard',
      'no news',
      'no word',
      'nothing',
      'silence',
      'radio silence',
      'crickets',
      'ghosted',
      'ghost',
      'nr',
    ],
  ],
  [
    { outcome: 'WITHDRAWN' },
    [
      'withdrawn',
      'withdrew',
      'withdraw',
      'wd',
      'pulled out',
      'not interested',
      'lost interest',
      'declined to proceed',
      'stopped',
    ],
  ],
  [{ declined: true }, ['declined', 'decline', 'passed', 'pass']],
  [{ self: true }, ['i', 'me', 'by me', 'myself', 'candidate']],
  [{ employer: true }, ['by employer', 'by company', 'by them', 'employer', 'company', 'them', 'they']],
  [
    { filler: true },
    [
      'after',
      'at',
      'in',
      'from',
      'then',
      'post',
      'following',
      'before',
      'and',
      'the',
      'a',
      'an',
      'to',
      'of',
      'on',
      'by',
      'with',
      'got',
      'get',
      'was',
      'is',
      'still',
      'stage',
      'round',
      'rd',
      'step',
      'status',
      'email',
      'e mail',
      'mail',
      'letter',
      'pending',
      'waiting',
      'awaiting',
      'awaiting response',
      'on hold',
      'hold',
      'paused',
      'follow up',
      'followed up',
      'weeks',
      'week',
      'wks',
      'days',
      'day',
      'months',
      'month',
      'first',
      'second',
      'third',
      'fourth',
      'st',
      'nd',
      'th',
      'yet',
      'job',
      'online',
      'scheduled',
      'booked',
      'set up',
      'planned',
      'upcoming',
      'done',
      'completed',
      'complete',
      'invite',
      'invited',
      'invitation',
      'hear back',
      'heard back',
      'heard',
      'reached out',
      'acknowledged',
      'acknowledgement',
      'confirmation',
      'no interview',
      'next steps',
      'waitlisted',
      'waitlist',
      'shortlisted',
      'via',
      'over',
      'auto',
      'automated',
      'automatic',
      'emailed',
      'messaged',
      'called',
      'r',
      'n a',
      'na',
      'tbd',
      'unknown',
      'sent them',
      'referral',
      'referred',
      'recruiter reached out',
      'need to',
      'follow',
      'up',
      'update',
      'updated',
      'it',
      'for',
      'their',
      'my',
      'no update',
      'no updates',
      'so',
      'far',
      // What was closed or paused: "they closed the req", "role on hold".
      'req',
      'requisition',
      'role',
      'position',
      'posting',
      'listing',
      'opening',
      'vacancy',
    ],
  ],
]

const phrases = new Map<string, Meaning>()
for (const [stage, words] of stagePhrases) for (const w of words) phrases.set(w, { stage })
for (const [meaning, words] of outcomePhrases) for (const w of words) if (!phrases.has(w)) phrases.set(w, meaning)
const longestPhrase = Math.max(...[...phrases.keys()].map((p) => p.split(' ').length))

const singleWords = [...phrases.keys()].filter((p) => !p.includes(' ') && p.length >= 5)

/** Whether two words are one edit apart: a letter added, dropped, changed, or two swapped. */
function oneEditApart(a: string, b: string) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    )
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** The meaning of the one known word a typo is closest to, or null when none or several are. */
function nearWord(token: string): Meaning | null {
  if (token.length < 5 || !/^[a-z]+$/.test(token)) return null
  const meanings = new Set(singleWords.filter((w) => oneEditApart(token, w)).map((w) => phrases.get(w)!))
  return meanings.size === 1 ? [...meanings][0]! : null
}

const stageOrder: Stage[] = ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER']
const later = (a: Stage, b: Stage) => (stageOrder.indexOf(a) >= stageOrder.indexOf(b) ? a : b)

/** Lower case, accents and punctuation gone, numbers split from words: "Int2/Rej!" reads "int 2 rej". */
export function statusWords(value: string) {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/w\/d/g, 'wd')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/([a-z])(\d)|(\d)([a-z])/g, '$1$3 $2$4')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * The stage and outcome a status value names, or null when it has a word this reader does not know.
 * An empty status is an application sent. The stage is the furthest named; the outcome the last named.
 */
export function readStatus(value: string): StatusReading | null {
  const tokens = statusWords(value).split(' ').filter(Boolean)
  if (!tokens.length) return { stage: 'APPLIED', outcome: 'ACTIVE' }
  const found: Meaning[] = []
  for (let i = 0; i < tokens.length;) {
    let step = 0
    for (let n = Math.min(longestPhrase, tokens.length - i); n > 0 && !step; n--) {
      const meaning = phrases.get(tokens.slice(i, i + n).join(' '))
      if (meaning) [step] = [n, found.push(meaning)]
    }
    if (!step && /^\d{1,4}$/.test(tokens[i]!)) step = 1 // "interview 2", "round 3", "rejected 1/15/2025"
    if (!step) {
      // A typo of one known word: "Rejcted", "intervew", "ghosed" (one letter off, in words of five or more).
      const near = nearWord(tokens[i]!)
      if (!near) return null
      ;[step] = [1, found.push(near)]
    }
    i += step
  }
  let stage: Stage | null = null
  let outcome: Outcome = 'ACTIVE'
  let reason: RejectionReason | undefined
  let declined = false
  for (const meaning of found) {
    if ('stage' in meaning) stage = stage ? later(stage, meaning.stage) : meaning.stage
    if ('outcome' in meaning) [outcome, reason, declined] = [meaning.outcome, meaning.reason, false]
    if ('declined' in meaning) declined = true
  }
  const self = found.some((m) => 'self' in m)
  const employer = found.some((m) => 'employer' in m)
  if (declined) {
    // "Declined" alone or after an offer is an offer turned down; after an earlier stage, or "by
    // employer", the employer said no; "I declined" before an offer is a withdrawal.
    if (employer) outcome = 'REJECTED'
    else if (!stage || stage === 'OFFER') outcome = 'OFFER_DECLINED'
    else outcome = self ? 'WITHDRAWN' : 'REJECTED'
  }
  if (outcome === 'OFFER_ACCEPTED' || outcome === 'OFFER_DECLINED') stage = 'OFFER'
  if (!stage && outcome === 'ACTIVE' && !found.some((m) => 'filler' in m && tokens.length)) return null
  const reading: StatusReading = { stage: stage ?? 'APPLIED', outcome }
  if (reason && outcome === 'REJECTED') reading.reason = reason
  return reading
}
