import { logger } from '~/lib/logger.server'
import type { JobDefinition } from './boss.server'

/**
 * A sweep that runs every minute for what the event-driven jobs missed (a window that was closed, a
 * process that stopped): it returns how many it handled, logged as `{ [counted]: n }` when any.
 */
export function everyMinuteSweep(
  name: string,
  expireInSeconds: number,
  sweep: () => Promise<number>,
  log: { counted: string; message: string },
): JobDefinition {
  return {
    name,
    schedule: '* * * * *',
    options: { expireInSeconds },
    async handler() {
      const handled = await sweep()
      if (handled) logger.info({ [log.counted]: handled }, log.message)
    },
  }
}
