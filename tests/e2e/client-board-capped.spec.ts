import { expect, test } from '@playwright/test'
import pg from 'pg'
import { e2eDatabaseUrl } from './database-url'
import { addClientTo, docScreenshot, expectNoSidewaysScroll, signUpOwner, uniqueSuffix } from './helpers'

// A client with 20,000 applications (what an import can leave) on the built app: the client page's board shows each
// column's newest cards up to its cap with the column's full count, and "and N more — see all in the table" leads to
// the applications table filtered to the client and the stage. Screenshots: docs/screenshots/client-board-capped-*.

const stages = ['SAVED', 'APPLIED', 'SCREEN', 'INTERVIEW', 'FINAL', 'OFFER'] as const

test('a client with 20,000 applications has a board capped per column, each column one link from the rest', async ({
  page,
}) => {
  const databaseUrl = e2eDatabaseUrl()
  test.skip(!databaseUrl, 'The applications are written straight into the server’s database: set TEST_DATABASE_URL')
  test.setTimeout(180_000)
  const suffix = uniqueSuffix()
  // A practice of its own, so that its 20,000 applications weigh on no other spec's practice.
  const slug = await signUpOwner(page, 'Iris Owner', 'Capped board')
  const clientPath = await addClientTo(page, slug, `Ivy Import ${suffix}`)
  const clientId = clientPath.split('/').at(-1)!

  // What an import of 20,000 rows leaves: 18,000 open, 3,000 in each stage, and 2,000 closed.
  const db = new pg.Client({ connectionString: databaseUrl! })
  await db.connect()
  try {
    await db.query(
      `INSERT INTO "JobApplication" (id, "organizationId", "clientId", company, "roleTitle", stage, outcome, "appliedOn",
         "updatedAt")
       SELECT 'cap-' || $2 || '-' || i, c."organizationId", c.id, 'Company ' || i, 'Analyst ' || i,
              ($3::text[])[1 + i % 6]::"Stage", CASE WHEN i > 18000 THEN 'REJECTED' ELSE 'ACTIVE' END::"Outcome",
              current_date - (i / 40), now()
       FROM "Client" c, generate_series(1, 20000) i WHERE c.id = $1`,
      [clientId, suffix, stages],
    )
  } finally {
    await db.end()
  }

  await page.goto(clientPath)
  await expect(page.getByRole('heading', { name: 'Pipeline (20,000)' })).toBeVisible()
  for (const stage of ['Applied', 'Interview']) {
    const column = page.getByRole('region', { name: `${stage}: 3000` })
    await expect(column.getByRole('listitem')).toHaveCount(50)
    await expect(column.getByText('and 2,950 more —')).toBeVisible()
  }
  const interview = page.getByRole('region', { name: 'Interview: 3000' })
  await expect(interview.getByRole('link', { name: 'see all in the table' })).toHaveAttribute(
    'href',
    `/orgs/${slug}/applications?client=${clientId}&stage=INTERVIEW&outcome=ACTIVE`,
  )
  // The foot of the columns, where each says how many more there are: at 1440 px six columns side by side, on a
  // phone one under the other (the Interview column's foot).
  for (const [width, height] of [
    [1440, 900],
    [375, 740],
  ] as const) {
    await page.setViewportSize({ width, height })
    await interview.getByText('and 2,950 more —').evaluate((more) => more.scrollIntoView({ block: 'center' }))
    await expectNoSidewaysScroll(page)
    await docScreenshot(page, `docs/screenshots/client-board-capped-${width}.png`)
  }
  await page.setViewportSize({ width: 1280, height: 720 })

  await interview.getByRole('link', { name: 'see all in the table' }).click()
  await expect(page).toHaveURL(/\/applications\?client=.*stage=INTERVIEW/)
  await expect(page.getByRole('table')).toContainText(`Ivy Import ${suffix}`)
})
