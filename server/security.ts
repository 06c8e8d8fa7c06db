import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { problemBody } from '~/lib/problem'

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
 * The path as the router will see it: dot segments resolved, backslashes read as slashes, so that
 * `/webhooks/../orgs/x` is checked as `/orgs/x`. Null for a path no router would match safely
 * (an encoded slash or backslash, or a URL that does not parse).
 */
export function routedPath(originalUrl: string) {
  if (/%2f|%5c/i.test(originalUrl.split('?')[0] ?? '')) return null
  try {
    return new URL(originalUrl, 'http://rebound.invalid').pathname
  } catch {
    return null
  }
}

function refuse(res: Response, reason: string) {
  res.status(403).type('text/plain').send(`Cross-site request refused: ${reason}`)
}

/**
 * Any state-changing request that does not show it comes from this site gets 403: a foreign
 * Origin, Sec-Fetch-Site other than same-origin, or neither header at all (every browser sends
 * one of them on a POST). Routes listed in `exempt` (signed webhooks, the RFC 8058 one-click
 * unsubscribe that mail providers POST to) carry their own proof instead; their Origin, if any,
 * is dropped so that Remix's own origin check does not refuse a mail provider's server.
 */
export function crossSiteGuard(options: { appOrigin: string; exempt: RegExp[] }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) return next()
    const path = routedPath(req.originalUrl)
    if (path === null) return refuse(res, 'the path is not one this site serves.')
    if (options.exempt.some((r) => r.test(path))) {
      dropCheckedOrigin(req)
      return next()
    }
    const origin = req.get('origin')
    const fetchSite = req.get('sec-fetch-site')
    const ownOrigins = new Set([options.appOrigin, `${req.protocol}://${req.get('host')}`])
    if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none')
      return refuse(res, `Sec-Fetch-Site is ${fetchSite}.`)
    if (origin !== undefined && !ownOrigins.has(origin)) return refuse(res, 'the Origin is another site.')
    if (origin === undefined && !fetchSite) return refuse(res, 'send the Origin header with this request.')
    dropCheckedOrigin(req)
    next()
  }
}

type BodyLimit = { path: RegExp; bytes: number }

/**
 * Refuses a request body larger than its route allows before any of it is read: 413 when
 * Content-Length says too much, 411 when a body comes without a length (browsers, mail
 * providers and webhooks always send one). Node stops reading at Content-Length, so a
 * request cannot send more than it declared.
 */
export function bodyLimit(options: { defaultBytes: number; routes: BodyLimit[]; problemJson?: RegExp }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = req.get('content-length')
    const chunked = req.get('transfer-encoding') !== undefined
    if (declared === undefined && !chunked) return next()
    const path = routedPath(req.originalUrl) ?? req.path
    const limit = options.routes.find((r) => r.path.test(path))?.bytes ?? options.defaultBytes
    const asProblem = options.problemJson?.test(path) ?? false
    if (declared === undefined) {
      return answerUnread(req, res, 411, 'Length Required: send the Content-Length header with the body.', asProblem)
    }
    const bytes = Number(declared)
    if (!Number.isSafeInteger(bytes) || bytes < 0) {
      return answerUnread(req, res, 400, 'The Content-Length header is not a number of bytes.', asProblem)
    }
    if (bytes > limit) {
      const message = `This request is too large: at most ${describeBytes(limit)} is accepted here.`
      return answerUnread(req, res, 413, message, asProblem)
    }
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

export function describeBytes(bytes: number) {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
  return `${Math.round(bytes / 1024)} KB`
}

function answerUnread(req: Request, res: Response, status: number, message: string, asProblem = false) {
  // The body is never read: answer, then close the connection rather than drain it.
  res.setHeader('Connection', 'close')
  if (asProblem) {
    // The JSON API answers every failure as RFC 9457 problem details.
    res
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify(problemBody(status, message)))
  } else res.status(status).type('text/plain').send(message)
  res.on('finish', () => req.destroy())
}

/**
 * `Cache-Control: no-store` on every response the app renders (pages, `.data`, resource routes)
 * unless the route chose its own: signed-in pages and token links must stay out of shared and
 * back-button caches. Static files are served before this and keep their own caching.
 */
export function noStoreByDefault() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const writeHead = res.writeHead
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      if (!this.getHeader('Cache-Control')) this.setHeader('Cache-Control', 'no-store')
      return writeHead.apply(this, args)
    } as Response['writeHead']
    next()
  }
}
