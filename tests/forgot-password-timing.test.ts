import { describe, expect, test } from 'vitest'
import { passwordResetJob } from '~/jobs/accounts.server'
import { prisma } from '~/lib/db.server'
import * as forgotPassword from '~/routes/forgot-password'
import { createUser, unique } from './factories'
import { withIdleJobQueue } from './idle-job-queue'
import { call, request, type Handler } from './route-calls'

// Whether an address has an account must not show in how long /forgot-password takes to answer.
// Wall-clock medians are too noisy to assert on a shared machine; what the test proves instead is
// that the answer comes before any lookup: each request leaves exactly one queued job carrying the
// address, and nothing that depends on the account (a reset token, an email) exists until that job
// runs. The medians are measured and printed beside it.

// The queue runs, but no worker takes the jobs: what the request did is all there is to see.
withIdleJobQueue()

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

type QueuedJob = { id: string; name: string; data: { email: string }; state: string }

function queuedFor(emails: string[]) {
  return prisma.$queryRaw<QueuedJob[]>`
    SELECT id::text, name, data, state::text FROM pgboss.job
    WHERE name = 'password-reset' AND data->>'email' = ANY(${emails})`
}

describe('/forgot-password answers before it looks the address up', () => {
  test('an address with an account and one without: the same reply, one queued job each, nothing written for the account until the job runs', async () => {
    const runs = 12
    const users = await Promise.all(Array.from({ length: runs }, () => createUser(prisma)))
    const existing = users.map((u) => u.email)
    const missing = Array.from({ length: runs }, () => `${unique('nobody-')}@example.test`)
    const times = { existing: [] as number[], missing: [] as number[] }
    const replies = new Set<string>()
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so a warming cache or a busy moment favours neither.
      const pair = [
        ['existing', existing[i]!],
        ['missing', missing[i]!],
      ] as const
      for (const [kind, email] of i % 2 ? [...pair].reverse() : pair) {
        const headers = { 'X-Forwarded-For': `203.0.113.${i}-${unique()}` }
        const started = performance.now()
        const answer = await call(
          forgotPassword.action as Handler,
          request(null, '/forgot-password', { email }, headers),
        )
        times[kind].push(performance.now() - started)
        expect(answer.status).toBe(200)
        replies.add(JSON.stringify(answer.data).replace(email, 'EMAIL'))
      }
    }
    expect(replies.size).toBe(1)
    console.info(
      `forgot-password median over ${runs} requests each: account ${median(times.existing).toFixed(1)} ms, ` +
        `no account ${median(times.missing).toFixed(1)} ms`,
    )

    // One job a request, whoever the address belongs to, none of them taken yet.
    const jobs = await queuedFor([...existing, ...missing])
    expect(jobs.map((j) => j.data.email).sort()).toEqual([...existing, ...missing].sort())
    expect(new Set(jobs.map((j) => j.state))).toEqual(new Set(['created']))
    // Nothing depends on the account yet: no token, no email.
    const userIds = users.map((u) => u.id)
    expect(await prisma.passwordResetToken.count({ where: { userId: { in: userIds } } })).toBe(0)
    expect(await prisma.outboundEmail.count({ where: { to: { in: [...existing, ...missing] } } })).toBe(0)

    // The job does the lookup: the accounts get their link, the other addresses nothing.
    await passwordResetJob.handler(jobs.map((j) => ({ id: j.id, name: j.name, data: j.data })) as never)
    expect(await prisma.passwordResetToken.count({ where: { userId: { in: userIds } } })).toBe(runs)
    expect(await prisma.outboundEmail.count({ where: { to: { in: existing } } })).toBe(runs)
    expect(await prisma.outboundEmail.count({ where: { to: { in: missing } } })).toBe(0)
    await prisma.$executeRaw`DELETE FROM pgboss.job WHERE id::text = ANY(${jobs.map((j) => j.id)})`
  }, 120_000)
})
