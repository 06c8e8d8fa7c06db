import { Link } from '@remix-run/react'
import { importedCountsText, type ImportedCounts } from '~/domain/imports/fields'
import { formatDate } from '~/lib/dates'

// What a committed import did: its counts, the period it covers, and where to see it.

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function ImportDone(props: {
  imported: number
  duplicates: number
  rejected: number
  period: { from: string; to: string } | null
  counts: ImportedCounts | null
  clientText: string
  applicationsLink: string
  /** The patterns page set to the imported period. */
  patternsLink: string | null
}) {
  return (
    <section aria-labelledby="done" className="mb-6 rounded-lg border border-green-200 bg-green-50 p-4">
      <h2 id="done" className="font-semibold text-green-900">
        {props.imported} applications imported
      </h2>
      {props.counts && <p className="text-sm text-green-900">{importedCountsText(props.counts)}</p>}
      <p className="text-sm text-green-900">
        {props.period && `Applied ${formatDate(props.period.from)} to ${formatDate(props.period.to)}. `}
        {plural(props.duplicates, 'duplicate row', 'duplicate rows')} and{' '}
        {plural(props.rejected, 'rejected row', 'rejected rows')} were skipped.{' '}
        {props.clientText && `${props.clientText}. `}
        <Link to={props.applicationsLink} className="font-medium underline">
          See the applications
        </Link>
        {props.patternsLink && (
          <>
            {' · '}
            <Link to={props.patternsLink} className="font-medium underline">
              Patterns over this period
            </Link>
          </>
        )}
      </p>
    </section>
  )
}
