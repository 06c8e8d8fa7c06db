import { z } from 'zod'
import { webhookEventTypes, type WebhookEventType } from './events'
import { requiredText } from '../form-fields'

// What the webhook forms send: read on the server and, for instant errors, in the browser.

const events = z.preprocess(
  (v) => (typeof v === 'string' ? [v] : v),
  z
    .array(z.enum(webhookEventTypes as unknown as [WebhookEventType, ...WebhookEventType[]]), {
      error: 'Choose at least one event',
    })
    .min(1, 'Choose at least one event'),
)

export const WebhookEndpointInput = z.object({
  url: requiredText('Enter the address that receives the events', 2000, 'Use at most 2,000 characters'),
  description: z
    .string()
    .trim()
    .max(200, 'Use at most 200 characters')
    .optional()
    .transform((v) => v || null),
  events,
})
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointInput>

export const WebhookEventsInput = z.object({ events })
