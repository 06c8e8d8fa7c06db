import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

const messages: Record<number, { title: string; body: string }> = {
  400: { title: 'That request did not look right', body: 'Check what was entered and try again.' },
  403: { title: 'Not allowed', body: 'You do not have permission to do that.' },
  404: { title: 'Page not found', body: 'This page does not exist, or you do not have access to it.' },
  429: { title: 'Too many attempts', body: 'Wait a little, then try again.' },
}

/** The one error boundary: a plain message, never HTML from a string, never debug data. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const message = messages[status] ?? {
    title: 'Something went wrong',
    body: 'The error has been logged. Try again, and if it keeps happening, tell your practice admin.',
  }
  if (!isRouteErrorResponse(error)) console.error(error)
  return (
    <main className="mx-auto max-w-lg p-8 text-center">
      <p className="text-sm font-semibold text-brand-700">{status}</p>
      <h1 className="mt-2 text-2xl font-bold">{message.title}</h1>
      <p className="mt-3 text-slate-600">{message.body}</p>
      <Link to="/" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 text-white hover:bg-brand-800">
        Go to the home page
      </Link>
    </main>
  )
}
