import { describe, expect, test } from 'vitest'
import type { InsightKind } from '~/generated/prisma/enums'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { createCheckIn, createMember } from '../../../tests/factories'
import { createApp, createApps, dateAgo, daysAgo, insightPractice, now } from '../../../tests/insight-fixtures'
import { computeInsights } from './compute.server'

// Each rule of DESIGN.md's Patterns table: a crafted client who must trigger it, a near miss who must not.

async function insightsOf(t: Parameters<typeof computeInsights>[0], kind: InsightKind) {
  return (await computeInsights(t, now)).filter((insight) => insight.kind === kind)
}
const clientIdsOf = (insights: { clientId: string | null }[]) => insights.map((i) => i.clientId)

/** The insights of this kind are exactly one, about `clientId`, with at least this evidence: that one. */
async function expectOnlyInsight(
  t: Parameters<typeof computeInsights>[0],
  kind: InsightKind,
  clientId: string,
  evidence: Record<string, unknown>,
) {
  const insights = await insightsOf(t, kind)
  expect(clientIdsOf(insights)).toEqual([clientId])
  expect(insights[0]!.evidence).toMatchObject(evidence)
  return insights[0]!
}

describe('APPLICATION_STAGE_WALL', () => {
  test('15+ applications in 60 days with under 5% reaching a screen is a wall; one screen in 16 is not', async () => {
    const { org, t, client, clients } = await insightPractice()
    const [wall, nearMiss] = await clients(2)
    const paused = await client({ status: 'PAUSED' })
    const few = await client()
    await createApps(org.id, wall.id, 16, (i) => ({ applied: 2 + i * 3 }))
    await createApps(org.id, nearMiss.id, 16, (i) => ({ applied: 2 + i * 3, screen: i === 0 ? 1 : undefined }))
    await createApps(org.id, paused.id, 16, (i) => ({ applied: 2 + i * 3 }))
    await createApps(org.id, few.id, 14, (i) => ({ applied: 2 + i * 3 }))

    const insight = await expectOnlyInsight(t, 'APPLICATION_STAGE_WALL', wall.id, {
      applications: 16,
      screens: 0,
      screenRate: 0,
      windowDays: 60,
    })
    expect(insight.evidence.applicationIds).toHaveLength(16)
    expect(insight.evidenceSize).toBe(16)
    expect(insight.suggestedTask).toEqual({ type: 'RESUME_TAILORING', title: expect.any(String) })
  })

  test('a practice can raise the threshold', async () => {
    const { org, t, client } = await insightPractice({
      insightSettings: { applicationStageWall: { minApplications: 20 } },
    })
    const c = await client()
    await createApps(org.id, c.id, 16, (i) => ({ applied: 2 + i * 3 }))
    expect(await insightsOf(t, 'APPLICATION_STAGE_WALL')).toEqual([])
  })
})

describe('SENIORITY_REACH', () => {
  test('60% of application-stage rejections above the client’s level triggers; 40% does not', async () => {
    const { org, t, client } = await insightPractice()
    const reach = await client({ seniority: 'ENTRY' })
    const nearMiss = await client({ seniority: 'ENTRY' })
    const rejected = (seniority: 'ENTRY' | 'SENIOR', i: number) => ({
      applied: 10 + i * 5,
      seniority,
      end: { outcome: 'REJECTED' as const, day: 5 + i * 5, reason: 'EXPERIENCE_LEVEL' as const },
    })
    await createApps(org.id, reach.id, 5, (i) => rejected(i < 3 ? 'SENIOR' : 'ENTRY', i))
    await createApps(org.id, nearMiss.id, 5, (i) => rejected(i < 2 ? 'SENIOR' : 'ENTRY', i))

    const insight = await expectOnlyInsight(t, 'SENIORITY_REACH', reach.id, {
      clientSeniority: 'ENTRY',
      applicationStageRejections: 5,
      aboveLevel: 3,
    })
    expect(insight.suggestedTask.type).toBe('RETARGETING')
  })
})

describe('LOW_TAILORING', () => {
  test('few tailored applications and a response rate below the caseload median triggers; above the median does not', async () => {
    const { org, t, clients } = await insightPractice()
    const [scattergun, nearMiss] = await clients(2)
    const peers = await clients(2)
    // Scattergun: 12 applications, 1 tailored, no screens. Near miss: as few tailored, 4 screens.
    await createApps(org.id, scattergun.id, 12, (i) => ({ applied: 2 + i * 4, tailored: i === 0 }))
    await createApps(org.id, nearMiss.id, 12, (i) => ({
      applied: 2 + i * 4,
      tailored: i === 0,
      screen: i < 4 ? 1 : undefined,
    }))
    // Peers: half tailored, 3 screens in 10 (median 0.3).
    for (const peer of peers)
      await createApps(org.id, peer.id, 10, (i) => ({
        applied: 2 + i * 4,
        tailored: i % 2 === 0,
        screen: i < 3 ? 1 : undefined,
      }))

    const insight = await expectOnlyInsight(t, 'LOW_TAILORING', scattergun.id, {
      applications: 12,
      tailored: 1,
      responseRate: 0,
      caseloadMedianResponseRate: 0.3,
    })
    expect(insight.evidenceSize).toBe(11)
  })
})

describe('FIRST_INTERVIEW_WALL', () => {
  test('three first interviews that all ended there trigger; one that went to a final round prevents it', async () => {
    const { org, t, clients } = await insightPractice()
    const [wall, nearMiss] = await clients(2)
    const ended = (i: number) => ({
      applied: 60 - i * 10,
      screen: 55 - i * 10,
      interview: 50 - i * 10,
      end: { outcome: 'REJECTED' as const, day: 45 - i * 10, reason: 'CULTURE_FIT' as const },
    })
    await createApps(org.id, wall.id, 3, ended)
    await createApps(org.id, nearMiss.id, 3, ended)
    await createApp(org.id, nearMiss.id, { applied: 30, screen: 25, interview: 20, final: 10 })

    const insight = await expectOnlyInsight(t, 'FIRST_INTERVIEW_WALL', wall.id, {
      firstInterviewsEnded: 3,
      wentFurther: 0,
    })
    expect(insight.suggestedTask.type).toBe('MOCK_INTERVIEW')
  })
})

describe('FINAL_ROUND_WALL', () => {
  test('two rejections at the final round trigger; one final and one interview rejection do not', async () => {
    const { org, t, clients } = await insightPractice()
    const [wall, nearMiss] = await clients(2)
    const finalRejection = (day: number) => ({
      applied: day + 30,
      screen: day + 20,
      interview: day + 10,
      final: day + 5,
      end: { outcome: 'REJECTED' as const, day, reason: 'INTERNAL_CANDIDATE' as const },
      feedbackRequested: day - 1,
    })
    await createApp(org.id, wall.id, finalRejection(10))
    await createApp(org.id, wall.id, finalRejection(40))
    await createApp(org.id, nearMiss.id, finalRejection(10))
    await createApp(org.id, nearMiss.id, {
      applied: 60,
      screen: 50,
      interview: 45,
      end: { outcome: 'REJECTED', day: 40, reason: 'SKILLS_GAP' },
      feedbackRequested: 39,
    })

    const insight = await expectOnlyInsight(t, 'FINAL_ROUND_WALL', wall.id, {
      finalRoundRejections: 2,
      reasons: ['INTERNAL_CANDIDATE'],
    })
    expect(insight.suggestedTask.type).toBe('FEEDBACK_REQUEST')
  })
})

describe('FEEDBACK_NOT_REQUESTED', () => {
  test('an interview rejection 10 days ago with no feedback asked triggers; one 4 days ago, or one asked about, does not', async () => {
    const { org, t, clients } = await insightPractice()
    const [silent, recent, asked] = await clients(3)
    const atInterview = (day: number, feedbackRequested?: number) => ({
      applied: day + 20,
      screen: day + 15,
      interview: day + 5,
      end: { outcome: 'REJECTED' as const, day, reason: 'CULTURE_FIT' as const },
      feedbackRequested,
    })
    await createApp(org.id, silent.id, atInterview(10))
    await createApp(org.id, recent.id, atInterview(4))
    await createApp(org.id, asked.id, atInterview(10, 8))

    const insight = await expectOnlyInsight(t, 'FEEDBACK_NOT_REQUESTED', silent.id, {
      rejectionsWithoutFeedbackRequest: 1,
    })
    expect(insight.evidence.applicationIds).toHaveLength(1)
  })
})

describe('GHOSTED', () => {
  test('no stage change for the ghosting threshold after applying triggers; a day short, or after an interview, does not', async () => {
    const { org, t, clients } = await insightPractice({ ghostingThresholdDays: 21 })
    const [ghosted, nearMiss] = await clients(2)
    await createApp(org.id, ghosted.id, { applied: 25 })
    await createApp(org.id, ghosted.id, { applied: 40, screen: 23 })
    await createApp(org.id, nearMiss.id, { applied: 20 })
    await createApp(org.id, nearMiss.id, { applied: 40, screen: 35, interview: 30 })

    const insight = await expectOnlyInsight(t, 'GHOSTED', ghosted.id, {
      applicationsWithoutResponse: 2,
      thresholdDays: 21,
    })
    expect(insight.suggestedTask.type).toBe('FOLLOW_UP')
  })
})

describe('MOMENTUM_DROP', () => {
  test('under the weekly goal two weeks running triggers; meeting it last week does not', async () => {
    const { org, t, client } = await insightPractice()
    const slowing = await client({ weeklyGoal: 5 })
    const nearMiss = await client({ weeklyGoal: 5 })
    // The practice's week starts Monday 16 November; last week is 5 to 11 days ago, the one before 12 to 18.
    const weekly = (perWeek: number[]) => (i: number) => ({
      applied: i < perWeek[0]! ? 5 + (i % 5) : 12 + (i % 5),
    })
    await createApps(org.id, slowing.id, 4, weekly([2, 2]))
    await createApps(org.id, nearMiss.id, 7, weekly([5, 2]))
    for (const c of [slowing, nearMiss])
      await prisma.client.update({ where: { id: c.id }, data: { lastActivityAt: daysAgo(1) } })

    const insights = await insightsOf(t, 'MOMENTUM_DROP')
    const ids = clientIdsOf(insights)
    expect(ids).toContain(slowing.id)
    expect(ids).not.toContain(nearMiss.id)
    const insight = insights.find((i) => i.clientId === slowing.id)!
    expect(insight.evidence).toMatchObject({ weeklyGoal: 5, weeksUnderGoal: expect.any(Number) })
    expect(insight.evidence.weeksUnderGoal).toBeGreaterThanOrEqual(2)
    expect(insight.suggestedTask).toEqual({ type: 'OTHER', title: 'Book a check-in call with your coach' })
  })

  test('no update for 14 days triggers even with a goal of zero; an update 10 days ago does not', async () => {
    const { t, client } = await insightPractice()
    const quiet = await client({ weeklyGoal: 0, lastActivityAt: daysAgo(20) })
    const nearMiss = await client({ weeklyGoal: 0, lastActivityAt: daysAgo(10) })
    const newcomer = await client({ weeklyGoal: 0, createdAt: daysAgo(5) })

    const ids = clientIdsOf(await insightsOf(t, 'MOMENTUM_DROP'))
    expect(ids).toContain(quiet.id)
    expect(ids).not.toContain(nearMiss.id)
    expect(ids).not.toContain(newcomer.id)
  })
})

describe('MORALE_DROP', () => {
  test('mood down two points over two weeks triggers; down one does not', async () => {
    const { org, t, clients } = await insightPractice()
    const [dropping, nearMiss] = await clients(2)
    const moods = async (clientId: string, values: [number, number, number]) => {
      for (const [i, mood] of values.entries())
        await createCheckIn(prisma, org.id, clientId, { weekOf: dateAgo(18 - i * 7), mood })
    }
    await moods(dropping.id, [4, 3, 2])
    await moods(nearMiss.id, [4, 4, 3])

    const insight = await expectOnlyInsight(t, 'MORALE_DROP', dropping.id, {
      latestMood: 2,
      previousMood: 4,
      moodDrop: 2,
    })
    expect(insight.suggestedTask.type).toBe('OTHER')
  })

  test('a mood of 2 after three rejections in a row triggers; after two it does not', async () => {
    const { org, t, clients } = await insightPractice()
    const [streak, nearMiss] = await clients(2)
    for (const c of [streak, nearMiss]) {
      await createCheckIn(prisma, org.id, c.id, { weekOf: dateAgo(11), mood: 2 })
      await createCheckIn(prisma, org.id, c.id, { weekOf: dateAgo(4), mood: 2 })
    }
    const rejection = (day: number) => ({ applied: day + 10, end: { outcome: 'REJECTED' as const, day } })
    await createApps(org.id, streak.id, 3, (i) => rejection(2 + i * 3))
    await createApps(org.id, nearMiss.id, 2, (i) => rejection(2 + i * 3))

    const insights = await insightsOf(t, 'MORALE_DROP')
    expect(clientIdsOf(insights)).toEqual([streak.id])
    expect(insights[0]!.evidence).toMatchObject({ latestMood: 2, rejectionStreak: 3 })
  })
})

describe('REASON_CLUSTER', () => {
  test('one reason across three clients in 30 days is a caseload insight naming them; one client outside the window breaks it', async () => {
    const { org, t, client } = await insightPractice()
    const clients = [await client(), await client(), await client()]
    for (const [i, c] of clients.entries()) {
      await createApp(org.id, c.id, { applied: 30, end: { outcome: 'REJECTED', day: 5 + i, reason: 'SKILLS_GAP' } })
      await createApp(org.id, c.id, {
        applied: 60,
        end: { outcome: 'REJECTED', day: i === 2 ? 40 : 10, reason: 'CULTURE_FIT' },
      })
    }

    const insights = await insightsOf(t, 'REASON_CLUSTER')
    expect(insights).toHaveLength(1)
    expect(insights[0]).toMatchObject({ clientId: null, fingerprint: 'SKILLS_GAP' })
    expect(insights[0]!.evidence).toMatchObject({ reason: 'SKILLS_GAP', clients: 3, rejections: 3 })
    expect([...insights[0]!.evidence.clientIds!].sort()).toEqual(clients.map((c) => c.id).sort())
    expect(insights[0]!.suggestedTask.type).toBe('SKILL_BUILDING')
  })
})

describe('EMPLOYER_GHOSTING', () => {
  test('an employer that ghosted three clients triggers; one that ghosted three of six applications, or two clients, does not', async () => {
    const { org, t, client } = await insightPractice()
    const clients = [await client(), await client(), await client()]
    const ghostedBy = (company: string) => ({ applied: 40, company, end: { outcome: 'GHOSTED' as const, day: 18 } })
    for (const [i, c] of clients.entries()) {
      await createApp(org.id, c.id, ghostedBy(' brightwave logistics'.slice(i === 0 ? 1 : 0)))
      await createApp(org.id, c.id, ghostedBy('Halfway Inc'))
      await createApp(org.id, c.id, { applied: 30, screen: 20, company: 'Halfway Inc' })
      if (i < 2) await createApp(org.id, c.id, ghostedBy('Twice Ltd'))
    }

    const insights = await insightsOf(t, 'EMPLOYER_GHOSTING')
    expect(insights).toHaveLength(1)
    expect(insights[0]).toMatchObject({ clientId: null, fingerprint: 'brightwave logistics' })
    expect(insights[0]!.evidence).toMatchObject({ applications: 3, ghosted: 3, clients: 3, ghostedShare: 1 })
    expect(insights[0]!.evidence.clientIds).toHaveLength(3)
    expect(insights[0]!.suggestedTask.title).toMatch(/brightwave logistics/i)
  })
})

describe('coach scope', () => {
  test('a coach limited to their own clients only sees insights about them', async () => {
    const { org, t, client } = await insightPractice({ coachesSeeOwnClientsOnly: true })
    const coach = await createMember(prisma, org.id)
    const mine = await client({ coachId: coach.id })
    const theirs = await client()
    for (const c of [mine, theirs]) await createApp(org.id, c.id, { applied: 30 })
    const asCoach = createTenantContext(prisma, { user: coach, org: t.org, role: 'COACH' })

    expect(clientIdsOf(await insightsOf(t, 'GHOSTED')).sort()).toEqual([mine.id, theirs.id].sort())
    expect(clientIdsOf(await insightsOf(asCoach, 'GHOSTED'))).toEqual([mine.id])
  })
})
