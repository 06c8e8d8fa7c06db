import type { RejectionReason, Stage } from '~/generated/prisma/enums'
import type { WeekSpan } from '~/lib/weeks'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { joinSql, limitSql, queryTenantSql, rawSql, sql } from '~/tenancy/sql.server'
import { stages } from '../applications/pipeline'
import type { PipelineCard as PortalCard } from './portal-home.server'

// The client page's pipeline, read so that its cost does not grow with the client's history: a board whose
// columns each show their newest cards up to a cap (with the column's full count), or a table of the newest
// applications up to a cap, both pointing to the applications table filtered to the client for the rest.
// The counts and this week's figures read the covering index JobApplication_roster_counts_idx alone.

/** Cards shown in one board column (and among the closed applications). */
export const BOARD_COLUMN_CAP = 50
/** Rows shown in the client page's table view. */
export const PIPELINE_TABLE_CAP = 100

/** The portal's card, with what the coach's closed list says of how it ended. */
export type PipelineCard = PortalCard & {
  rejectionStage: Stage | null
  rejectionReason: RejectionReason | null
  resumeTailored: boolean
}

/** An open card on the board shows its company, role and day; a closed one how it ended (nothing more is sent). */
export type OpenCard = Pick<PipelineCard, 'id' | 'company' | 'roleTitle' | 'appliedOn'>
export type ClosedCard = Pick<
  PipelineCard,
  'id' | 'company' | 'roleTitle' | 'outcome' | 'rejectionStage' | 'rejectionReason'
>

export type BoardColumn = { stage: Stage; total: number; cards: OpenCard[] }

export type ClientPipeline = {
  /** Every application of the client. */
  total: number
  /** Sent (not saved) and applied on a day of the span: this week, and the same days last week. */
  appliedThisWeek: number
  appliedLastWeek: number
  board: { columns: BoardColumn[]; closed: { total: number; cards: ClosedCard[] } } | null
  table: PipelineCard[] | null
}

const cardColumns = sql`id, company, "roleTitle", stage, outcome, "appliedOn", "rejectionStage", "rejectionReason",
  "resumeTailored"`
const newestFirst = sql`ORDER BY "appliedOn" DESC NULLS FIRST, "createdAt" DESC, id DESC`

type CountRow = { column: string; n: number; thisWeek: number; lastWeek: number }

/**
 * The client's pipeline for the page's view (`board` or `table`). The client must already be one the
 * coach may see (found through the tenancy door); every statement binds the practice.
 */
export async function getClientPipeline(
  t: TenantContext,
  clientId: string,
  view: 'board' | 'table',
  weeks: { thisWeek: WeekSpan; lastWeek: WeekSpan },
): Promise<ClientPipeline> {
  const own = (org: string) => sql`"organizationId" = ${org} AND "clientId" = ${clientId}`
  const sentOn = (week: WeekSpan) =>
    sql`stage <> 'SAVED' AND "appliedOn" BETWEEN ${week.firstDay}::date AND ${week.lastDay}::date`
  const counts = queryTenantSql<CountRow>(
    t,
    (org) => sql`
      SELECT CASE WHEN outcome = 'ACTIVE' THEN stage::text ELSE 'CLOSED' END AS "column", count(*)::int AS n,
             count(*) FILTER (WHERE ${sentOn(weeks.thisWeek)})::int AS "thisWeek",
             count(*) FILTER (WHERE ${sentOn(weeks.lastWeek)})::int AS "lastWeek"
      FROM "JobApplication" WHERE ${own(org)}
      GROUP BY 1`,
  )
  // Each column's newest cards on their own: a backward walk of (organizationId, clientId, appliedOn) that
  // stops at the cap, rather than a sort of the client's whole history.
  const cards =
    view === 'board'
      ? queryTenantSql<PipelineCard>(t, (org) =>
          joinSql(
            [
              ...stages.map(
                (stage) => sql`(SELECT ${cardColumns} FROM "JobApplication"
                  WHERE ${own(org)} AND outcome = 'ACTIVE' AND stage = ${rawSql(`'${stage}'`)}
                  ${newestFirst} ${limitSql(BOARD_COLUMN_CAP)})`,
              ),
              sql`(SELECT ${cardColumns} FROM "JobApplication" WHERE ${own(org)} AND outcome <> 'ACTIVE'
                  ${newestFirst} ${limitSql(BOARD_COLUMN_CAP)})`,
            ],
            ' UNION ALL ',
          ),
        )
      : queryTenantSql<PipelineCard>(
          t,
          (org) => sql`SELECT ${cardColumns} FROM "JobApplication" WHERE ${own(org)}
            ${newestFirst} ${limitSql(PIPELINE_TABLE_CAP)}`,
        )
  const [countRows, cardRows] = await Promise.all([counts, cards])
  const countOf = (column: string) => countRows.find((row) => row.column === column)?.n ?? 0
  const sum = (pick: (row: CountRow) => number) => countRows.reduce((total, row) => total + pick(row), 0)
  return {
    total: sum((row) => row.n),
    appliedThisWeek: sum((row) => row.thisWeek),
    appliedLastWeek: sum((row) => row.lastWeek),
    board:
      view === 'board'
        ? {
            columns: stages.map((stage) => ({
              stage,
              total: countOf(stage),
              cards: cardRows
                .filter((card) => card.outcome === 'ACTIVE' && card.stage === stage)
                .map(({ id, company, roleTitle, appliedOn }) => ({ id, company, roleTitle, appliedOn })),
            })),
            closed: {
              total: countOf('CLOSED'),
              cards: cardRows
                .filter((card) => card.outcome !== 'ACTIVE')
                .map(({ id, company, roleTitle, outcome, rejectionStage, rejectionReason }) => ({
                  id,
                  company,
                  roleTitle,
                  outcome,
                  rejectionStage,
                  rejectionReason,
                })),
            },
          }
        : null,
    table: view === 'table' ? cardRows : null,
  }
}
