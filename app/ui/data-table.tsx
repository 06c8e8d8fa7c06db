import { Link, useNavigate, useNavigation, useSearchParams, type NavigateFunction } from '@remix-run/react'
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
  type ColumnVisibilityState,
  type RowData,
} from '@tanstack/react-table'
import type { MouseEvent, ReactNode } from 'react'
import { formatCount } from '~/lib/numbers'
import { EmptyPanel } from './empty-note'
import { PageSteps } from './page-steps'

// Tables whose sorting, filters and pages live in the URL and are done by the server: the table
// holds the URL's state and renders the page the loader returned (manualSorting).

export const serverTableFeatures = tableFeatures({ rowSortingFeature, columnVisibilityFeature })
export type ServerTableFeatures = typeof serverTableFeatures
export const serverColumnHelper = <Row extends RowData>() => createColumnHelper<ServerTableFeatures, Row>()
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a column list mixes value types
export type ServerColumns<Row extends RowData> = ColumnDef<ServerTableFeatures, Row, any>[]

/** The URL's sort (`?sort=name&dir=desc`) as table state, and a setter that writes the URL and resets the page. */
export function useUrlSorting(defaultSort: string, defaultDir: 'asc' | 'desc' = 'asc') {
  const [params, setParams] = useSearchParams()
  const sorting: SortingState = [
    { id: params.get('sort') ?? defaultSort, desc: (params.get('dir') ?? defaultDir) === 'desc' },
  ]
  const onSortingChange = (updater: SortingState | ((old: SortingState) => SortingState)) => {
    const next = typeof updater === 'function' ? updater(sorting) : updater
    const first = next[0]
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev)
        p.delete('page')
        p.delete('after')
        p.delete('before')
        p.delete('at')
        if (first) {
          p.set('sort', first.id)
          p.set('dir', first.desc ? 'desc' : 'asc')
        } else {
          p.delete('sort')
          p.delete('dir')
        }
        return p
      },
      { preventScrollReset: true },
    )
  }
  return { sorting, onSortingChange }
}

/** Whether the page at `path` is loading again (a sort, a filter, another page of its table). */
export function useLoadingAt(path: string) {
  const navigation = useNavigation()
  return navigation.state === 'loading' && navigation.location?.pathname === path
}

type DataTableProps<Row extends RowData & { id: string }> = {
  caption: string
  columns: ServerColumns<Row>
  data: Row[]
  defaultSort: string
  defaultDir?: 'asc' | 'desc'
  columnVisibility?: ColumnVisibilityState
  /** What shows in a dashed box when there are no rows. */
  empty: ReactNode
  /** The page's next rows are loading: the table dims and says it is busy. */
  loading: boolean
  /** The margin above the table. */
  className: string
  /** Below the table, dimmed with it. */
  pager?: ReactNode
}

// The first column (the row's name) stays in view when a wide table scrolls sideways.
const stickyFirst = 'sticky left-0 z-10 shadow-[1px_0_0_var(--color-slate-200)]'

/** A page's table of rows with ids, dimmed while the next page of it loads, with its pager below. */
export function DataTable<Row extends RowData & { id: string }>({
  loading,
  className,
  pager,
  empty,
  ...table
}: DataTableProps<Row>) {
  return (
    <div className={`${className} transition-opacity ${loading ? 'opacity-60' : ''}`} aria-busy={loading}>
      {table.data.length === 0 ? <EmptyPanel>{empty}</EmptyPanel> : <RowsTable {...table} />}
      {pager}
    </div>
  )
}

const getRowId = (row: { id: string }) => row.id

function RowsTable<Row extends RowData & { id: string }>({
  caption,
  columns,
  data,
  defaultSort,
  defaultDir,
  columnVisibility,
}: Omit<DataTableProps<Row>, 'loading' | 'className' | 'pager' | 'empty'>) {
  const { sorting, onSortingChange } = useUrlSorting(defaultSort, defaultDir)
  const navigate = useNavigate()
  const table = useTable({
    features: serverTableFeatures,
    columns,
    data,
    getRowId,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility: columnVisibility ?? {} },
    onSortingChange,
  })
  const leafColumns = table.getVisibleLeafColumns()
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      {/* The click is a cell link's (CellLink), which Enter on the focused link fires too. */}
      <table className="min-w-full divide-y divide-slate-200 text-sm" onClick={(event) => followInApp(event, navigate)}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted()
                const canSort = header.column.getCanSort()
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className={`px-3 py-2 text-left font-semibold whitespace-nowrap text-slate-700 ${header.index === 0 ? stickyFirst + ' bg-slate-50' : ''}`}
                  >
                    {header.isPlaceholder ? null : canSort ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex items-center gap-1 rounded hover:text-brand-700 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none"
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true" className="text-xs text-slate-600">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                )
              })}
            </tr>
          ))}
        </thead>
        <tbody className="data-rows divide-y divide-slate-100">
          {data.map((original, rowIndex) => {
            const id = getRowId(original)
            return (
              <tr key={id} className="group hover:bg-slate-50">
                {/* Cells are styled by the body's class (app/tailwind.css, .data-rows). */}
                {leafColumns.map((column) => (
                  <td key={column.id}>{renderCell(column, original, id, rowIndex)}</td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/**
 * A link in a table cell: a plain anchor, which the table follows inside the app (one click handler on the table,
 * `followInApp`). A router link renders about ten times the work of an anchor on the server, and a page of 50 rows
 * has a hundred of them (the profile in BENCHMARKS.md); a cell's link needs none of its extras.
 */
export function CellLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <a href={to} className={className}>
      {children}
    </a>
  )
}

/** A plain click on a link of this app inside the table navigates in the app, as a router link would. */
function followInApp(event: MouseEvent<HTMLElement>, navigate: NavigateFunction) {
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const link = (event.target as Element).closest('a')
  if (!link || !event.currentTarget.contains(link) || link.target || link.hasAttribute('download')) return
  const url = new URL(link.href, window.location.href)
  if (url.origin !== window.location.origin) return
  event.preventDefault()
  navigate(url.pathname + url.search + url.hash)
}

type LeafColumn = {
  id: string
  accessorFn?: (row: never, index: number) => unknown
  columnDef: { cell?: unknown }
}

/**
 * One body cell, rendered from its column's definition without TanStack's row and cell models: on a page of 50
 * rows those built and memoised about 600 objects a request for the same output (the profile in BENCHMARKS.md).
 * A cell renderer receives `getValue()`, `renderValue()`, `row.original`, `row.id`, `row.index` and `column`,
 * which is what the tables' columns use; sorting and visibility still come from the table (headers above).
 */
function renderCell(column: LeafColumn, original: unknown, id: string, index: number): ReactNode {
  const value = () => (column.accessorFn ? column.accessorFn(original as never, index) : undefined)
  const template = column.columnDef.cell
  if (typeof template !== 'function') return template === undefined ? String(value() ?? '') : (template as ReactNode)
  const context = {
    getValue: value,
    renderValue: () => value() ?? null,
    row: { original, id, index },
    column,
  }
  return (template as (context: unknown) => ReactNode)(context)
}

/** Previous / next page links that keep every other URL parameter. */
export function Pager({
  page,
  pageSize,
  total,
  label,
  param = 'page',
}: {
  page: number
  pageSize: number
  total: number
  label: string
  /** The URL parameter that holds this list's page, when a page shows several paged lists. */
  param?: string
}) {
  const [params] = useSearchParams()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params)
    if (p === 1) next.delete(param)
    else next.set(param, String(p))
    return `?${next.toString()}`
  }
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1
  const to = Math.min(total, page * pageSize)
  return (
    <nav
      aria-label={`${label} pages`}
      className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700"
    >
      <p>
        {from}–{to} of {formatCount(total)}
      </p>
      <div className="flex gap-2">
        <PageSteps page={page} pages={pages} hrefFor={hrefFor} linkClass={stepClass} pageClass="px-2 py-1.5" />
      </div>
    </nav>
  )
}

const stepClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100'

/**
 * Previous / next links of a keyset-paged table (`?after=<cursor>` or `?before=<cursor>`), keeping every
 * other URL parameter. `at` carries the position of the first row so the page can say "51–100 of 250,000".
 */
export function KeysetPager({
  position,
  count,
  totalLabel,
  previous,
  next,
  pageSize,
  label,
}: {
  position: number
  count: number
  totalLabel: string
  previous: string | null
  next: string | null
  pageSize: number
  label: string
}) {
  const [params] = useSearchParams()
  const hrefFor = (key: 'after' | 'before', cursor: string, at: number) => {
    const p = new URLSearchParams(params)
    p.delete('after')
    p.delete('before')
    p.set(key, cursor)
    if (at > 1) p.set('at', String(at))
    else p.delete('at')
    return `?${p.toString()}`
  }
  const from = count === 0 ? 0 : position
  const to = position + count - 1
  return (
    <nav
      aria-label={`${label} pages`}
      className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700"
    >
      <p>
        Rows {formatCount(from)}–{formatCount(Math.max(from, to))} of {totalLabel}
      </p>
      <div className="flex gap-2">
        {previous ? (
          <Link
            className={stepClass}
            to={hrefFor('before', previous, Math.max(1, position - pageSize))}
            preventScrollReset
          >
            Previous
          </Link>
        ) : null}
        {position > 1 ? (
          <Link className={stepClass} to={`?${firstPageParams(params)}`} preventScrollReset>
            First page
          </Link>
        ) : null}
        {next ? (
          <Link className={stepClass} to={hrefFor('after', next, position + count)} preventScrollReset>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  )
}

function firstPageParams(params: URLSearchParams) {
  const p = new URLSearchParams(params)
  p.delete('after')
  p.delete('before')
  p.delete('at')
  return p.toString()
}
