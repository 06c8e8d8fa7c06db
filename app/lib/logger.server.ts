import { pino } from 'pino'
import { envValue } from './env.server'

// Structured logs. Secrets and tokens never reach them: headers that carry them are
// redacted, and paths that carry a token are masked before they are logged.

export const logger = pino({
  level: envValue('LOG_LEVEL') ?? (envValue('NODE_ENV') === 'test' ? 'silent' : 'info'),
  redact: {
    paths: [
      'req.headers.cookie',
      'req.headers.authorization',
      'res.headers["set-cookie"]',
      '*.password',
      '*.token',
      '*.secret',
      '*.apiKey',
    ],
    censor: '[redacted]',
  },
})

const tokenPath = /^\/(invite|join|reset-password|unsubscribe|s)\/[^/]+/

/** The path without its query string, and with any token in it masked. */
export function loggablePath(url: string) {
  const pathOnly = url.split('?')[0] ?? '/'
  return pathOnly.replace(tokenPath, '/$1/[redacted]')
}
