import 'dotenv/config'
import { parseArgs } from 'node:util'
import { getClientOverview } from '~/domain/clients/client-overview.server'
import { listRoster, RosterQuery } from '~/domain/clients/clients.server'
import { ApplicationsQuery, listApplications } from '~/domain/applications/caseload-applications.server'
import { applicationsPageChoices, rosterPageChoices } from '~/domain/practices/filter-choices.server'
import { prisma } from '~/lib/db.server'
import { createTenantContext } from '~/tenancy/scoped-client.server'
import { benchOwner, benchSlug } from './lib/bench-practice'

// npm run bench:sql [-- --runs 40]   (DATABASE_URL=… the bench database)
// The database side of a page, on its own: the session and membership lookups every request makes, then the reads
// its loader makes (the same domain calls, in parallel as the loader runs them), one request at a time, in this
// process. Set against the server time `npm run bench` reports for the page, it is the "server time ÷ SQL time"
// ratio: what the app adds (rendering, serialising, compressing) over what it asks PostgreSQL for.

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } })
const runs = Number(values.runs)
const org = await prisma.organization.findUniqueOrThrow({ where: { slug: benchSlug } })
const user = await prisma.user.findUniqueOrThrow({ where: { email: benchOwner.email } })
const membership = await prisma.membership.findFirstOrThrow({ where: { userId: user.id, organizationId: org.id } })
const t = createTenantContext(prisma, { user, org, role: membership.role, membership })
const client = await prisma.client.findFirstOrThrow({ where: { organizationId: org.id, id: 'bench_c_154' } })
const session = await prisma.session.findFirst({ where: { userId: user.id } })

// What requireTenant reads for every request (session by id, then the membership with the practice).
const door = () =>
  Promise.all([
    session ? prisma.session.findUnique({ where: { id: session.id }, include: { user: true } }) : null,
    prisma.membership.findFirst({
      where: { userId: user.id, organization: { slug: benchSlug } },
      include: { organization: { include: { ssoConnection: { select: { ssoOnly: true } } } } },
    }),
  ])
const pages: [string, () => Promise<unknown>][] = [
  ['Roster (clients, page 1)', () => Promise.all([listRoster(t, RosterQuery.parse({})), rosterPageChoices(t)])],
  [
    'Applications, page 1',
    () => Promise.all([listApplications(t, ApplicationsQuery.parse({})), applicationsPageChoices(t, undefined)]),
  ],
  ['Client page (its overview)', () => getClientOverview(t, client.id)],
]
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(`| Page | session + membership ms (median) | loader reads ms (median) | runs |`)
console.log(`| --- | ---: | ---: | ---: |`)
for (const [name, read] of pages) {
  const doors: number[] = []
  const reads: number[] = []
  for (let i = 0; i < runs + 3; i++) {
    let at = performance.now()
    await door()
    const d = performance.now() - at
    at = performance.now()
    await read()
    if (i >= 3) {
      doors.push(d)
      reads.push(performance.now() - at)
    }
  }
  console.log(`| ${name} | ${median(doors).toFixed(1)} | ${median(reads).toFixed(1)} | ${runs} |`)
}
await prisma.$disconnect()
