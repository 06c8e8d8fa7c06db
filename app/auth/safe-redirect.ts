/** `to` when it is a path on this site, else `fallback`: a login link cannot send anyone elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/orgs') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback
  const base = 'http://rebound.invalid'
  try {
    return new URL(to, base).origin === base ? to : fallback
  } catch {
    return fallback
  }
}
