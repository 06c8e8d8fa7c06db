import 'dotenv/config'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { hashPassword } from '~/auth/password.server'
import { openDatabase } from '~/lib/database.server'
import { applyMigrations } from '../prisma/migrate'
import { TENANT_MODELS } from '~/tenancy/scoped-client.server'
import { benchOwner, benchSlug } from './lib/bench-practice'

// npm run bench:seed -- --clients 500 --apps 500
// Builds the practice `bench` (clients x apps applications, their stage events, tasks and check-ins)
// with set-based SQL, in the database of DATABASE_URL or the embedded one. A real server is much faster:
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/rebound_bench npm run bench:seed
// creates that database when it is missing. The owner signs in as below (scripts/bench.ts does).

const { values } = parseArgs({
  options: { clients: { type: 'string', default: '500' }, apps: { type: 'string', default: '500' } },
})
const clients = Number(values.clients)
const apps = Number(values.apps)
if (!Number.isInteger(clients) || clients < 1 || !Number.isInteger(apps) || apps < 1) {
  console.error('Usage: npm run bench:seed -- --clients 500 --apps 500')
  process.exit(2)
}

async function ensureDatabase(url: string) {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  if (!/^[a-z0-9_]+$/.test(name)) return
  target.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: target.toString() })
  try {
    await admin.connect()
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${name}"`)
      console.log(`Created database ${name}`)
    }
  } catch (error) {
    console.warn(`Could not check for database ${name}: ${(error as Error).message}`)
  } finally {
    await admin.end().catch(() => {})
  }
}

// Children first, so the order reads naturally; with the triggers off the order does not matter.
const tenantTables = [...TENANT_MODELS].reverse()

const started = Date.now()
const step = (label: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${label}`)

if (process.env.DATABASE_URL) await ensureDatabase(process.env.DATABASE_URL)
const database = await openDatabase()
const db = new pg.Client({ connectionString: database.url })
try {
  await applyMigrations(database.url)
  step('migrations applied')
  await db.connect()
  await db.query('SELECT setseed(0.42)')

  const old = await db.query<{ id: string }>('SELECT id FROM "Organization" WHERE slug = $1', [benchSlug])
  if (old.rows[0]) {
    // Row by row, the cascades look up foreign keys that no index leads with (every index starts
    // with organizationId): far too slow at this size. Each table goes by organizationId instead,
    // with the foreign-key triggers off for this session (the rows all go together).
    await db.query('BEGIN')
    await db.query("SET LOCAL session_replication_role = 'replica'")
    for (const table of tenantTables) {
      await db.query(`DELETE FROM "${table}" WHERE "organizationId" = $1`, [old.rows[0].id])
    }
    await db.query('DELETE FROM "Organization" WHERE id = $1', [old.rows[0].id])
    await db.query('COMMIT')
    step('previous bench practice removed')
  }

  const passwordHash = await hashPassword(benchOwner.password)
  const orgId = 'bench_org'
  await db.query('BEGIN')
  await db.query(
    `INSERT INTO "Organization" (id, name, slug, timezone, "updatedAt") VALUES ($1, 'Bench Practice', $2, 'UTC', now())`,
    [orgId, benchSlug],
  )
  // The owner and nine coaches; users are global, so they are kept across runs.
  await db.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
     SELECT 'bench_user_' || g, CASE WHEN g = 0 THEN $1 ELSE 'bench-coach-' || g || '@bench.test' END,
            CASE WHEN g = 0 THEN 'Bench Owner' ELSE 'Coach ' || (ARRAY['Avery','Blake','Casey','Devon','Emery','Finley','Gray','Harper','Indigo'])[g] END,
            $2, now()
     FROM generate_series(0, 9) g
     ON CONFLICT (email) DO UPDATE SET "passwordHash" = EXCLUDED."passwordHash"`,
    [benchOwner.email, passwordHash],
  )
  await db.query(
    `INSERT INTO "Membership" (id, "organizationId", "userId", role)
     SELECT 'bench_m_' || g, $1, 'bench_user_' || g, (CASE WHEN g = 0 THEN 'OWNER' ELSE 'COACH' END)::"Role"
     FROM generate_series(0, 9) g`,
    [orgId],
  )
  // Names as a practice has them: accents, letters beyond Latin-1 and apostrophes among plain ones (a page's text of
  // several bytes a character is what showed React's buffer splitting characters).
  const first = [
    'Ada',
    'Ben',
    'Zoë',
    'Dev',
    'José',
    'Fay',
    'Søren',
    'Hana',
    'Ivo',
    'Jun',
    'Chloé',
    'Lena',
    'Milo',
    'Nia',
  ]
  const last = ['Ahmed', 'Brown', 'Chen', 'Núñez', 'Evans', 'Müller', 'Garcia', 'Nguyễn', 'Ito', "O'Brien", 'Łukasik']
  await db.query(
    `INSERT INTO "Client" (id, "organizationId", "coachId", name, email, status, seniority, industries, "weeklyGoal", "updatedAt", "lastActivityAt")
     SELECT 'bench_c_' || g, $1, 'bench_user_' || (1 + g % 9),
            ($3::text[])[1 + g % array_length($3, 1)] || ' ' || ($4::text[])[1 + (g / 14) % array_length($4, 1)] || ' ' || g,
            'client-' || g || '@bench.test',
            (CASE WHEN g % 10 = 0 THEN 'PAUSED' WHEN g % 17 = 0 THEN 'PLACED' ELSE 'ACTIVE' END)::"ClientStatus",
            (ARRAY['ENTRY','MID','SENIOR','LEAD'])[1 + g % 4]::"Seniority",
            ARRAY[(ARRAY['Fintech','Health','Retail','SaaS','Energy'])[1 + g % 5]],
            10, now(), now() - (g % 20) * interval '1 day'
     FROM generate_series(1, $2::int) g`,
    [orgId, clients, first, last],
  )
  step(`${clients} clients`)

  // Four intakes (each client in one) and two custom fields, so the bench can filter the tables by a
  // cohort and a field as a programme's coach would (docs/decisions/0039).
  await db.query(
    `INSERT INTO "Cohort" (id, "organizationId", name, "startsOn", "endsOn", "sponsorName", "updatedAt")
     SELECT 'bench_cohort_' || g, $1, 'Intake ' || g, current_date - (g * 90), current_date - (g * 90) + 180,
            CASE WHEN g = 1 THEN 'Northwind Ltd' END, now()
     FROM generate_series(1, 4) g`,
    [orgId],
  )
  await db.query(
    `INSERT INTO "ClientCohort" (id, "organizationId", "cohortId", "clientId")
     SELECT 'bench_cc_' || g, $1, 'bench_cohort_' || (1 + g % 4), 'bench_c_' || g FROM generate_series(1, $2::int) g`,
    [orgId, clients],
  )
  await db.query(
    `INSERT INTO "ClientField" (id, "organizationId", name, kind, choices, position, "updatedAt") VALUES
       ('bench_field_programme', $1, 'Programme', 'CHOICE', ARRAY['Data','Design','Engineering','Product'], 0, now()),
       ('bench_field_years', $1, 'Years of experience', 'NUMBER', '{}', 1, now())`,
    [orgId],
  )
  await db.query(
    `UPDATE "Client" SET "customFields" = jsonb_build_object(
       'bench_field_programme', (ARRAY['Data','Design','Engineering','Product'])[1 + (substr(id, 9)::int / 4) % 4],
       'bench_field_years', substr(id, 9)::int % 15)
     WHERE "organizationId" = $1 AND id ~ '^bench_c_[0-9]+$'`,
    [orgId],
  )
  step('4 cohorts and 2 custom fields')

  const companies = [
    'Acme',
    'Globex',
    'Initech',
    'Umbrella',
    'Hooli',
    'Stark',
    'Wayne',
    'Wonka',
    'Tyrell',
    'Cyberdyne',
    'Soylent',
    'Vandelay',
    'Pied Piper',
    'Aperture',
    'Black Mesa',
    'Oscorp',
    'Monarch',
    'Massive Dynamic',
    'Nakatomi',
    'Gringotts',
    'Nestlé',
    'Müller & Söhne',
  ]
  const suffixes = ['Labs', 'Systems', 'Health', 'Bank', 'Retail', 'Energy', 'Cloud', 'Analytics', 'Foods', 'Media']
  const titles = [
    'Product Analyst',
    'Data Analyst',
    'Software Engineer',
    'Senior Software Engineer',
    'Product Manager',
    'Engineering Manager',
    'UX Designer',
    'Data Scientist',
    'Marketing Manager',
    'Account Executive',
    'Customer Success Manager',
    'Operations Analyst',
    'Business Analyst',
    'DevOps Engineer',
    'QA Engineer',
    'Technical Writer',
    'Sales Engineer',
    'Project Manager',
    'Financial Analyst',
    'HR Business Partner',
  ]
  await db.query('COMMIT')

  // Applications: one INSERT per slice of clients keeps each statement's memory small.
  const slice = Math.max(1, Math.floor(20_000 / apps))
  for (let from = 1; from <= clients; from += slice) {
    const to = Math.min(clients, from + slice - 1)
    await db.query(
      `INSERT INTO "JobApplication" (id, "organizationId", "clientId", company, "roleTitle", seniority, industry, location,
         "workMode", source, "jobUrl", "appliedOn", "resumeTailored", "coverLetter", notes, stage, outcome, "lastEventAt",
         "rejectionStage", "endedBy", "rejectionReason", "createdAt", "updatedAt")
       SELECT 'bench_a_' || c || '_' || n, $1, 'bench_c_' || c,
              ($2::text[])[1 + (r5 * 1000)::int % array_length($2, 1)] || ' ' ||
                ($3::text[])[1 + (r6 * 1000)::int % array_length($3, 1)],
              ($4::text[])[1 + (r7 * 1000)::int % array_length($4, 1)],
              (ARRAY['ENTRY','MID','SENIOR','LEAD','EXECUTIVE'])[1 + (r1 * 97)::int % 5]::"Seniority",
              (ARRAY['Fintech','Health','Retail','SaaS','Energy','Education','Logistics'])[1 + (r2 * 89)::int % 7],
              (ARRAY['Remote','London','Berlin','New York','Toronto','Lisbon'])[1 + (r3 * 83)::int % 6],
              (ARRAY['ONSITE','HYBRID','REMOTE'])[1 + (r4 * 79)::int % 3]::"WorkMode",
              (ARRAY['JOB_BOARD','COMPANY_SITE','REFERRAL','RECRUITER','NETWORKING','OTHER'])[1 + (r4 * 71)::int % 6]::"ApplicationSource",
              'https://jobs.example.test/' || c || '/' || n,
              CASE WHEN stage = 'SAVED' THEN NULL ELSE applied END,
              r1 < 0.5, r2 < 0.3, CASE WHEN n % 7 = 0 THEN 'Followed up with the recruiter' END,
              stage::"Stage", outcome::"Outcome",
              applied + (r4 * 30)::int * interval '1 day' + interval '9 hours',
              CASE WHEN outcome = 'REJECTED' THEN stage::"Stage" END,
              CASE WHEN outcome = 'REJECTED' THEN 'EMPLOYER'::"EndedBy" END,
              CASE WHEN outcome = 'REJECTED' THEN (ARRAY['SKILLS_GAP','EXPERIENCE_LEVEL','POSITION_FILLED','NO_REASON_GIVEN'])[1 + (r3 * 61)::int % 4]::"RejectionReason" END,
              applied, now()
       FROM (
         SELECT c, n, r1, r2, r3, r4, r5, r6, r7,
                (current_date - (r1 * 720)::int) AS applied,
                CASE WHEN p < 0.05 THEN 'SAVED' WHEN p < 0.55 THEN 'APPLIED' WHEN p < 0.75 THEN 'SCREEN'
                     WHEN p < 0.90 THEN 'INTERVIEW' WHEN p < 0.97 THEN 'FINAL' ELSE 'OFFER' END AS stage,
                CASE WHEN p < 0.05 THEN 'ACTIVE' WHEN q < 0.35 THEN 'REJECTED' WHEN q < 0.55 THEN 'GHOSTED'
                     WHEN q < 0.58 THEN 'WITHDRAWN' WHEN p >= 0.97 AND q < 0.8 THEN 'OFFER_ACCEPTED' ELSE 'ACTIVE' END AS outcome
         FROM (SELECT c, n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
                      random() r7, random() p, random() q
               FROM generate_series($5::int, $6::int) c, generate_series(1, $7::int) n) x
       ) y`,
      [orgId, companies, suffixes, titles, from, to, apps],
    )
  }
  step(`${clients * apps} applications`)

  // One stage event per step up to the current stage, and one for the outcome when it ended.
  await db.query(
    `INSERT INTO "StageEvent" (id, "organizationId", "applicationId", "clientId", "fromStage", "toStage", "fromOutcome", "toOutcome", "actorType", "occurredAt")
     SELECT a.id || '_e' || s.i, a."organizationId", a.id, a."clientId",
            CASE WHEN s.i <= 1 THEN NULL ELSE (enum_range(NULL::"Stage"))[s.i] END,
            (enum_range(NULL::"Stage"))[s.i + 1],
            CASE WHEN s.i <= 1 THEN NULL ELSE 'ACTIVE'::"Outcome" END, 'ACTIVE'::"Outcome", 'CLIENT'::"ActorType",
            a."createdAt" + s.i * interval '5 days'
     FROM "JobApplication" a
     CROSS JOIN LATERAL generate_series(CASE WHEN a.stage = 'SAVED' THEN 0 ELSE 1 END, array_position(enum_range(NULL::"Stage"), a.stage) - 1) s(i)
     WHERE a."organizationId" = $1`,
    [orgId],
  )
  await db.query(
    `INSERT INTO "StageEvent" (id, "organizationId", "applicationId", "clientId", "fromStage", "toStage", "fromOutcome", "toOutcome", "actorType", "occurredAt")
     SELECT a.id || '_end', a."organizationId", a.id, a."clientId", a.stage, a.stage, 'ACTIVE', a.outcome, 'CLIENT', a."lastEventAt"
     FROM "JobApplication" a WHERE a."organizationId" = $1 AND a.outcome <> 'ACTIVE'`,
    [orgId],
  )
  const events = await db.query<{ n: number }>('SELECT count(*)::int n FROM "StageEvent" WHERE "organizationId" = $1', [
    orgId,
  ])
  step(`${events.rows[0]!.n} stage events`)

  await db.query(
    `INSERT INTO "Task" (id, "organizationId", "clientId", type, title, status, "dueOn", "updatedAt")
     SELECT 'bench_t_' || c || '_' || n, $1, 'bench_c_' || c, 'FOLLOW_UP', 'Follow up on last week’s applications',
            (CASE WHEN n = 1 THEN 'TODO' ELSE 'DONE' END)::"TaskStatus", current_date + n, now()
     FROM generate_series(1, $2::int) c, generate_series(1, 4) n`,
    [orgId, clients],
  )
  await db.query(
    `INSERT INTO "CheckIn" (id, "organizationId", "clientId", "weekOf", mood, energy, confidence)
     SELECT 'bench_ci_' || c || '_' || w, $1, 'bench_c_' || c,
            date_trunc('week', current_date)::date - w * 7, 1 + (c + w) % 5, 3, 3
     FROM generate_series(1, $2::int) c, generate_series(0, 11) w`,
    [orgId, clients],
  )
  step('tasks and check-ins')
  await db.query('VACUUM ANALYZE')
  step('vacuumed and analyzed')
  console.log(`\nThe bench practice: /orgs/${benchSlug}, owner ${benchOwner.email} / ${benchOwner.password}`)
} catch (error) {
  await db.query('ROLLBACK').catch(() => {})
  throw error
} finally {
  await db.end().catch(() => {})
  await database.stop()
}
