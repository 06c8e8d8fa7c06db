import { data } from '@remix-run/node'

// The one reading of what a request carries: its search parameters, its path parameters and its
// form. Every value comes out as well-formed text without NUL or other control characters
// (PostgreSQL refuses NUL in text, and no person types the others); a form sent any other way than
// a browser sends one is refused with a message that says how to send it.

// C0 controls and DEL, but tab, line feed and carriage return, which a text area may carry.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlsInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
// In a URL (a path segment, a filter) even those three have no place.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlsInUrl = /[\u0000-\u001f\u007f]/g
// Half of a surrogate pair with no other half: not text, so it becomes U+FFFD as a decoder would make it.
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
const wellFormed = (value: string) => value.replace(loneSurrogates, '\ufffd')

/** Text as a person meant it: well-formed, without NUL or control characters (tabs and line breaks kept). */
export function cleanText(value: string) {
  return wellFormed(value).replace(controlsInText, '')
}

function cleanUrlText(value: string) {
  return wellFormed(value).replace(controlsInUrl, '')
}

/** The URL's search parameters, cleaned. */
export function searchParamsOf(request: Request) {
  const out = new URLSearchParams()
  for (const [key, value] of new URL(request.url).searchParams) out.append(cleanUrlText(key), cleanUrlText(value))
  return out
}

/** The URL's search parameters as an object for a zod schema (the last value of a repeated key wins). */
export function queryOf(request: Request) {
  return Object.fromEntries(searchParamsOf(request))
}

/** A path parameter, cleaned; '' when absent. A cleaned id matches no row, so the route answers 404. */
export function pathParam(params: Record<string, string | undefined>, name: string) {
  return cleanUrlText(params[name] ?? '')
}

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data']

export class FormReadError extends Error {}

/** Why a body cannot be read as a form, or null when it can. */
export function formProblem(request: Request, options: { multipartOnly?: boolean } = {}) {
  const header = request.headers.get('Content-Type')
  if (!header) return null
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim())
  const accepted = options.multipartOnly ? ['multipart/form-data'] : formTypes
  if (!accepted.includes(type.toLowerCase())) {
    return `This address takes a form sent as ${accepted.join(' or ')}, not ${type || 'an unnamed type'}.`
  }
  const charset = parameters.find((p) => /^charset=/i.test(p))?.slice('charset='.length)
  if (charset && !/^"?utf-?8"?$/i.test(charset)) return `Send the form in UTF-8, not ${charset}.`
  if (type.toLowerCase() === 'multipart/form-data' && !parameters.some((p) => /^boundary=./i.test(p))) {
    return 'The form has no multipart boundary: let the browser set the Content-Type.'
  }
  return null
}

function refuse(message: string, status = 400): never {
  throw data({ error: message }, { status })
}

/**
 * The request's form with every text value cleaned. A body that is not a form (JSON, text/plain,
 * another charset, a broken multipart body) is refused with 415 or 400 and a message, never a 500.
 * A request without a body reads as an empty form, so the form's own checks name what is missing.
 */
export async function readForm(request: Request): Promise<FormData> {
  const problem = formProblem(request)
  if (problem) refuse(problem, 415)
  if (!request.headers.get('Content-Type')) {
    await request.body?.cancel()
    return new FormData()
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    refuse('The form could not be read. Send it again from the page.')
  }
  return cleanForm(form)
}

/** Every text value of a form cleaned; files kept as they are (the import reads their bytes itself). */
export function cleanForm(form: FormData) {
  const out = new FormData()
  for (const [key, value] of form) {
    if (typeof value === 'string') out.append(cleanText(key), cleanText(value))
    else out.append(cleanText(key), value, cleanText(value.name))
  }
  return out
}
