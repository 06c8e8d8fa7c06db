import type { ActionFunctionArgs } from '@remix-run/node'
import { cleanText } from '~/lib/request-input'
import { handleResendEvent, ResendEvent, resendWebhookSecret, verifySvixSignature } from '~/lib/resend-webhooks.server'
import { notFound } from '~/lib/responses.server'

// POST /webhooks/resend: delivery events from Resend, Svix-signed. Without RESEND_WEBHOOK_SECRET
// the route does not exist. The cross-site POST guard exempts /webhooks/*: the signature is the proof.

export function loader() {
  throw notFound()
}

export async function action({ request }: ActionFunctionArgs) {
  const secret = resendWebhookSecret()
  if (!secret || request.method !== 'POST') throw notFound()
  const body = await request.text()
  const headers = {
    id: request.headers.get('svix-id'),
    timestamp: request.headers.get('svix-timestamp'),
    signature: request.headers.get('svix-signature'),
  }
  if (!verifySvixSignature(secret, headers, body)) return new Response('Invalid signature', { status: 400 })
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return new Response('Invalid JSON', { status: 400 })
  }
  const event = ResendEvent.safeParse(json)
  if (!event.success) {
    return new Response('Not a Resend event: expected {"type": string, "data": {"email_id"?, "to"?}}', { status: 400 })
  }
  const handled = await handleResendEvent(cleanText(headers.id!), event.data)
  return Response.json({ ok: true, duplicate: !handled })
}
