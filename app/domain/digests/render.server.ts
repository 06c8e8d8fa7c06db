import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { render, toPlainText } from '@react-email/render'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { hashAccessToken, inviteUrl, signInLinkLifetimeMs } from '~/domain/clients/access-links.server'
import { getEnv } from '~/lib/env.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import ClientDigestEmail, { clientDigestText, hasWhatComesNext } from '../../../emails/client-digest'
import { firstNameOf } from '../../../emails/layout'
import CoachDigestEmail from '../../../emails/coach-digest'
import type { ClientDigestContent } from './content.server'
import type { CoachDigestContent } from './coach-content.server'
import { unsubscribeUrl } from '~/lib/unsubscribe-links.server'
import { orgPath } from '~/lib/org-path'

// Digest emails, rendered once and stored (OutboundEmail) before they are sent, so that a retry
// sends exactly the same request. HTML is rendered once and the text part written from the
// same props (client digests) or derived from the HTML (coach digests).

// The same document @react-email/render makes, without its streaming (twice as fast in bulk).
const doctype =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'

export type RenderedEmail = { subject: string; html: string; text: string; headers: Record<string, string> }

async function renderParts(element: ReturnType<typeof createElement>) {
  const html = await render(element)
  return { html, text: toPlainText(html) }
}

export function clientDigestSubject(content: ClientDigestContent) {
  const first = firstNameOf(content.clientName)
  if (content.quiet) return `${first}, a quiet week is fine: one small step`
  const next = hasWhatComesNext(content)
  // A client having a hard time gets no tally against the goal in their inbox.
  if (content.gentle) return next ? `${first}, your week and what comes next` : `${first}, a note on your week`
  const tally = `Your week: ${content.appliedThisWeek} of ${content.goal} applications`
  return next ? `${tally}, and what comes next` : tally
}

/** The links of a client's digest: a fresh short-lived sign-in link, preferences and unsubscribe. */
export function clientDigestLinks(organizationId: string, clientId: string, signInToken: string | null) {
  const appUrl = getEnv().APP_URL
  return {
    signInUrl: signInToken ? inviteUrl(appUrl, signInToken) : `${appUrl}/me`,
    preferencesUrl: `${appUrl}/me/preferences`,
    unsubscribeUrl: unsubscribeUrl(organizationId, clientId),
  }
}

export async function renderClientDigest(
  content: ClientDigestContent,
  links: ReturnType<typeof clientDigestLinks>,
  deliveryId: string | null,
): Promise<RenderedEmail> {
  const props = { ...content, ...links }
  const html = doctype + renderToStaticMarkup(createElement(ClientDigestEmail, props))
  const text = clientDigestText(props)
  return {
    subject: clientDigestSubject(content),
    html,
    text,
    headers: clientDigestHeaders(links, deliveryId),
  }
}

/** RFC 8058 one-click unsubscribe, and a per-email reference so mail apps do not thread digests. */
export function clientDigestHeaders(
  links: { unsubscribeUrl: string },
  deliveryId: string | null,
): Record<string, string> {
  return {
    'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    ...(deliveryId && { 'X-Entity-Ref-ID': deliveryId }),
  }
}

export async function renderCoachDigest(
  content: CoachDigestContent,
  orgSlug: string,
  deliveryId: string | null,
): Promise<RenderedEmail> {
  const dashboardUrl = `${getEnv().APP_URL}${orgPath(orgSlug)}`
  const { html, text } = await renderParts(createElement(CoachDigestEmail, { ...content, dashboardUrl }))
  const count = content.atRisk.length
  return {
    subject: count ? `Your caseload this week: ${count} to look at` : 'Your caseload this week',
    html,
    text,
    headers: deliveryId ? { 'X-Entity-Ref-ID': deliveryId } : {},
  }
}

/**
 * Fresh single-use sign-in links (the same kind and lifetime as issueSignInLink) for many clients
 * in one insert. Returns each client's token; only the hashes are stored.
 */
export async function issueSignInLinks(t: TenantContext, clientIds: string[], now = new Date()) {
  const tokens = new Map<string, string>()
  if (!clientIds.length) return tokens
  for (const clientId of clientIds)
    tokens.set(clientId, encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20))))
  await t.db.clientAccessLink.createMany({
    data: clientIds.map((clientId) => ({
      organizationId: t.org.id,
      clientId,
      kind: 'SIGN_IN' as const,
      tokenHash: hashAccessToken(tokens.get(clientId)!),
      expiresAt: new Date(now.getTime() + signInLinkLifetimeMs),
    })),
  })
  return tokens
}
