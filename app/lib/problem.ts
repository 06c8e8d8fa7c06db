// RFC 9457 problem details: the one shape of every failure of the JSON API.

export type ProblemFields = {
  /** A field of the request body or query that caused it, with what to fix. */
  errors?: { field: string; message: string }[]
  [key: string]: unknown
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  411: 'Length required',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
}

export const problemType = (status: number) => `https://rebound.example/problems/${status}`

export function problemBody(status: number, detail: string, fields: ProblemFields = {}) {
  return { type: problemType(status), title: titles[status] ?? 'Error', status, detail, ...fields }
}

/** A problem+json Response; throw it or return it. */
export function problem(status: number, detail: string, fields: ProblemFields = {}, headers: HeadersInit = {}) {
  const h = new Headers(headers)
  h.set('Content-Type', 'application/problem+json')
  h.set('Cache-Control', 'no-store')
  return new Response(JSON.stringify(problemBody(status, detail, fields)), { status, headers: h })
}
