import type { Browser } from '@playwright/test'
import { logIn, uniqueSuffix, addClient, copyInviteLink, openPortalOnPhone } from './helpers'

/**
 * A new Northstar client, added by a coach, signed in to the portal on a phone-sized page
 * through their invite link. Returns the phone page, the coach's page and the client's name.
 */
export async function newPortalClient(browser: Browser, name = `Pat Portal ${uniqueSuffix()}`) {
  const coachContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  const coach = await coachContext.newPage()
  await logIn(coach, 'coach@northstar.test')
  await addClient(coach, name, `portal-${uniqueSuffix()}@example.test`)
  const inviteUrl = await copyInviteLink(coach)
  const { phoneContext, phone } = await openPortalOnPhone(browser, inviteUrl)
  const close = async () => {
    await coachContext.close()
    await phoneContext.close()
  }
  return { phone, coach, name, close }
}
