import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

// Headers on every response, and the cross-site request guard for every non-GET request.

export function securityHeaders(options: { production: boolean; dev: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    const scriptSrc = options.dev ? `'self' 'nonce-${nonce}' 'unsafe-eval'` : `'self' 'nonce-${nonce}'`
    const connectSrc = options.dev ? `'self' ws: wss:` : `'self'`
    res.setHeader(
      'Content-Security-Policy',
      [
        `default-src 'self'`,
        `script-src ${scriptSrc}`,
        // React renders style attributes; no script can run from them.
        `style-src 'self' 'unsafe-inline'`,
        `img-src 'self' data:`,
        `font-src 'self'`,
        `connect-src ${connectSrc}`,
        `frame-src 'self'`,
        `frame-ancestors 'none'`,
        `form-action 'self'`,
        `base-uri 'self'`,
        `object-src 'none'`,
      ].join('; '),
    )
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    if (options.production) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains')
    next()
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Any state-changing request from another site gets 403: a foreign Origin, or
 * Sec-Fetch-Site: cross-site. Routes listed in `exempt` (signed webhooks, the RFC 8058
 * one-click unsubscribe that mail providers POST to) carry their own proof instead.
 */
export function crossSiteGuard(options: { appOrigin: string; exempt: RegExp[] }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next()
    if (options.exempt.some((r) => r.test(req.path))) {
      dropCheckedOrigin(req)
      return next()
    }
    const origin = req.get('origin')
    const host = req.get('host')
    const fetchSite = req.get('sec-fetch-site')
    const ownOrigins = new Set([options.appOrigin, `${req.protocol}://${host}`])
    if (fetchSite === 'cross-site' || (origin && origin !== 'null' && !ownOrigins.has(origin)) || origin === 'null') {
      res.status(403).type('text/plain').send('Cross-site request refused.')
      return
    }
    dropCheckedOrigin(req)
    next()
  }
}

/**
 * This guard is the app's one cross-site check. Remix repeats a narrower one after it (Origin's
 * host must equal Host or X-Forwarded-Host) and answers a mismatch with a 500: behind a proxy that
 * rewrites Host, for a mail provider's one-click unsubscribe, or for a forged Host. Once this guard
 * has decided, the Origin header has done its work.
 */
function dropCheckedOrigin(req: Request) {
  delete req.headers.origin
}
