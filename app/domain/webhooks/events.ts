// The events a practice's webhook endpoints may ask for (docs/decisions/0038-webhooks.md). No database
// here: the settings page lists them too.

export const webhookEventTypes = [
  'client.created',
  'client.placed',
  'client.archived',
  'application.created',
  'application.moved',
  'application.rejected',
  'task.assigned',
  'task.completed',
  'checkin.recorded',
  'insight.opened',
  'import.completed',
] as const
export type WebhookEventType = (typeof webhookEventTypes)[number]

/** Sent only by "Send test event", to the one endpoint it was asked for. */
export const testEventType = 'webhook.test'

export const webhookEventLabels: Record<WebhookEventType, string> = {
  'client.created': 'A client is added',
  'client.placed': 'A client is placed',
  'client.archived': 'A client is archived',
  'application.created': 'An application is added',
  'application.moved': 'An application moves stage or outcome',
  'application.rejected': 'A rejection is recorded',
  'task.assigned': 'A task is assigned',
  'task.completed': 'A task is done',
  'checkin.recorded': 'A client checks in',
  'insight.opened': 'A new insight opens',
  'import.completed': 'An import of applications finishes',
}

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(value)
}
