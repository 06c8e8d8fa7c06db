import 'dotenv/config'
import { parseArgs } from 'node:util'
import { openDatabase } from '~/lib/database.server'
import { disconnectPrisma } from '~/lib/db.server'

// npm run digests -- --org <slug> [--week 2026-W48] [--dry-run]
// Renders the practice's digests of the week and, unless --dry-run, claims and sends them (through
// Resend with RESEND_API_KEY, else into the dev outbox), printing the counts. Still once a week.
// Exit code: 0 when nothing failed, 1 when something did, 2 for a usage error.

class UsageError extends Error {}

const usage = 'Usage: npm run digests -- --org <practice-slug> [--week 2026-W48] [--dry-run]'
const { values } = parseArgs({
  options: { org: { type: 'string' }, week: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  strict: false,
})
if (typeof values.org !== 'string') {
  console.error(usage)
  process.exit(2)
}

const database = await openDatabase()
let code = 1
try {
  const { systemTenantContext } = await import('~/tenancy/system-context.server')
  const { isIsoWeek, isoWeekOf } = await import('~/domain/digests/weeks')
  const { renderPracticeDigests, runPracticeDigests } = await import('~/domain/digests/run.server')
  const t = await systemTenantContext({ slug: values.org })
  if (!t) throw new UsageError(`No practice "${values.org}" with an owner.`)
  const week = typeof values.week === 'string' ? values.week : isoWeekOf(new Date(), t.org.timezone)
  if (!isIsoWeek(week)) throw new UsageError(`--week must look like 2026-W48, not "${week}".`)
  const started = Date.now()
  if (values['dry-run']) {
    const counts = await renderPracticeDigests(t, week)
    console.log(`${t.org.slug} ${week} (dry run, nothing claimed or sent)`)
    console.log(`Already claimed: ${counts.alreadyClaimed}`)
    console.log(`Would send: ${counts.wouldSend}`)
    console.log(`Would skip: ${counts.wouldSkip}`)
    code = 0
  } else {
    const counts = await runPracticeDigests(t, week)
    console.log(`${t.org.slug} ${week}${process.env.RESEND_API_KEY ? '' : ' (no RESEND_API_KEY: dev outbox)'}`)
    console.log(`Claimed: ${counts.claimed}`)
    console.log(`Sent: ${counts.sent}`)
    console.log(`To the outbox: ${counts.outbox}`)
    console.log(`Skipped: ${counts.skipped}`)
    console.log(`Failed: ${counts.failed}`)
    console.log(`To retry: ${counts.retryLater}`)
    code = counts.failed > 0 ? 1 : 0
  }
  console.log(`Took ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  console.error(error instanceof UsageError ? error.message : error)
  if (error instanceof UsageError) code = 2
} finally {
  await disconnectPrisma()
  await database.stop()
}
process.exit(code)
