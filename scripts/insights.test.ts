import { spawnSync } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { prisma } from '~/lib/db.server'
import { createApp, daysBeforeToday, insightPractice } from '../tests/insight-fixtures'

describe('npm run insights', () => {
  test('with --sweep, marks silent applications ghosted first and prints the insights that hold: GHOSTED among them', async () => {
    const { org, client } = await insightPractice()
    const c = await client({ name: 'Jamie Rivera', weeklyGoal: 0, lastActivityAt: new Date() })
    // Sent 30 days ago, no word since.
    const application = await createApp(org.id, c.id, { applied: daysBeforeToday(30) })

    const run = spawnSync('npx', ['tsx', 'scripts/insights.ts', '--org', org.slug, '--sweep', '--json'], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status, run.stderr).toBe(0)
    const insights = JSON.parse(run.stdout)
    expect(Array.isArray(insights)).toBe(true)
    const ghosted = insights.find((i: { kind: string }) => i.kind === 'GHOSTED')
    expect(ghosted).toEqual({
      kind: 'GHOSTED',
      severity: expect.any(Number),
      client: { id: c.id, email: c.email, name: 'Jamie Rivera' },
      evidence: expect.objectContaining({ applicationsWithoutResponse: 1, applicationIds: [expect.any(String)] }),
      suggestedTask: { type: 'FOLLOW_UP', title: expect.any(String) },
    })
    const marked = await prisma.jobApplication.findUniqueOrThrow({ where: { id: application.id } })
    expect(marked.outcome).toBe('GHOSTED')
    for (const insight of insights) {
      expect(Object.keys(insight).sort()).toEqual(['client', 'evidence', 'kind', 'severity', 'suggestedTask'])
    }
  }, 60_000)

  test('an unknown practice is an error', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/insights.ts', '--org', 'no-such-practice-anywhere', '--json'], {
      env: process.env,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/No practice/)
  }, 60_000)
})
