import { prisma } from './db.server'

/** True when the database answers a trivial query within the timeout. */
export async function isDatabaseUp(timeoutMs = 2_000) {
  const ping = prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  )
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())
  return Promise.race([ping, timeout])
}
