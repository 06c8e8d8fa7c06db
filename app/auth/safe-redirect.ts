/**
 * `to` when it is a path on this site, else `fallback`: a login link cannot send anyone elsewhere.
 * The answer is the normalised path (dot segments resolved, backslashes read as browsers read
 * them), so what was checked is exactly what goes into Location.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/orgs') {
  if (typeof to !== 'string' || !to.startsWith('/')) return fallback
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback
  const base = 'http://rebound.invalid'
  try {
    const url = new URL(to, base)
    const path = `${url.pathname}${url.search}${url.hash}`
    if (url.origin !== base || !path.startsWith('/') || path.startsWith('//')) return fallback
    return path
  } catch {
    return fallback
  }
}
