import { Link } from '@remix-run/react'

/** A link to the page before (if any), "Page 2 of 5", and a link to the page after (if any). */
export function PageSteps({
  page,
  pages,
  hrefFor,
  previous = 'Previous',
  next = 'Next',
  linkClass,
  pageClass,
  keepScroll = true,
}: {
  page: number
  pages: number
  hrefFor: (page: number) => string
  previous?: string
  next?: string
  linkClass: string
  pageClass: string
  /** Stay where the page was scrolled to, as a table's pages do. */
  keepScroll?: boolean
}) {
  return (
    <>
      {page > 1 ? (
        <Link className={linkClass} to={hrefFor(page - 1)} preventScrollReset={keepScroll}>
          {previous}
        </Link>
      ) : null}
      <span className={pageClass}>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className={linkClass} to={hrefFor(page + 1)} preventScrollReset={keepScroll}>
          {next}
        </Link>
      ) : null}
    </>
  )
}
