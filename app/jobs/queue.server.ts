import type PgBoss from 'pg-boss'
import { getEnv } from '~/lib/env.server'
import { logger } from '~/lib/logger.server'

// The one way app code queues work. Domain code imports this module and nothing else of app/jobs/;
// the handlers (app/jobs/*.server.ts) import the domain, so this module imports neither.
//
// One pg-boss instance serves a process, however many copies of this module the process has loaded:
// the web process runs the app from the Remix build, the dev server loads a fresh copy after each edit,
// and scripts and tests import the source. So the running instance is kept in a process-wide slot
// rather than in a module variable (docs/decisions/0016-one-job-queue-per-process.md).

export const queues = {
  refreshInsights: 'refresh-insights',
  refreshAllInsights: 'refresh-all-insights',
  ghostingSweep: 'ghosting-sweep',
  importApplications: 'import-applications',
  digestsHourly: 'digests-hourly',
  digestsPractice: 'digests-practice',
  passwordReset: 'password-reset',
  notifyRecipient: 'notify-recipient',
  notificationsSweep: 'notifications-sweep',
  retentionDaily: 'retention-daily',
  retentionPractice: 'retention-practice',
  deliverWebhook: 'deliver-webhook',
  webhooksSweep: 'webhooks-sweep',
  sendSurvey: 'send-satisfaction-survey',
} as const

/** What each queue's job carries. Queues without an entry take no data. */
export type JobData = {
  'refresh-insights': { organizationId: string }
  'import-applications': { batchId: string; organizationId: string }
  'digests-practice': { organizationId: string; isoWeek: string }
  'password-reset': { email: string }
  'notify-recipient': NotificationRecipient
  'retention-practice': { organizationId: string }
  'deliver-webhook': WebhookDeliveryJob
  'send-satisfaction-survey': { organizationId: string; clientId: string }
}

export type WebhookDeliveryJob = { organizationId: string; deliveryId: string }

export type NotificationRecipient = { organizationId: string; recipientType: 'CLIENT' | 'COACH'; recipientId: string }

const slot = Symbol.for('rebound.jobQueue')
const processWide = globalThis as unknown as { [slot]?: PgBoss | null }

/** Called by the job runner when it has started (and with null when it stops). */
export function setRunningQueue(boss: PgBoss | null) {
  processWide[slot] = boss
}

/** The running pg-boss of this process, or null when this process runs no jobs. */
export function runningQueue() {
  return processWide[slot] ?? null
}

/** Queues a job; null when this process runs no jobs (the caller decides what that means). */
export async function enqueue<Name extends keyof JobData>(
  name: Name,
  data: JobData[Name],
  options?: PgBoss.SendOptions,
) {
  const boss = runningQueue()
  if (!boss) return null
  return boss.send(name, data, options ?? {})
}

/** Changes within this many seconds of each other share one refresh (plus at most one in the next slot). */
const coalesceSeconds = 60

export function insightsRefreshOptions(organizationId: string): PgBoss.SendOptions {
  return {
    singletonKey: organizationId,
    singletonSeconds: coalesceSeconds,
    // A change after this slot's job was queued still gets a refresh, in the next slot.
    singletonNextSlot: true,
    retryLimit: 2,
    retryDelay: 30,
  }
}

/**
 * Asks for the practice's insights to be recomputed soon. Bursts coalesce into one job per practice a
 * minute. Null when jobs are off in this process.
 */
export function queueInsightsRefresh(organizationId: string) {
  return enqueue(queues.refreshInsights, { organizationId }, insightsRefreshOptions(organizationId))
}

/**
 * Fire and forget, for domain code after a change: failing to queue must not fail the change itself,
 * and the hourly refresh catches up anyway.
 */
export function requestInsightsRefresh(organizationId: string) {
  queueInsightsRefresh(organizationId).catch((error) =>
    logger.warn({ err: error, organizationId }, 'could not queue an insights refresh'),
  )
}

/**
 * Asks for a recipient's word between digests to go out once the gathering delay has passed, so a
 * message and a task assigned moments later arrive in one email. Bursts share one job per recipient;
 * the minute sweep sends what a closed 15-minute window held back. Fire and forget, like the refresh.
 */
export function requestNotificationSend(recipient: NotificationRecipient) {
  const delay = getEnv().NOTIFICATION_DELAY_SECONDS
  enqueue(queues.notifyRecipient, recipient, {
    singletonKey: `${recipient.organizationId}/${recipient.recipientType}/${recipient.recipientId}`,
    singletonSeconds: Math.max(delay, 1),
    startAfter: delay + 1,
    retryLimit: 2,
    retryDelay: 30,
  }).catch((error) => logger.warn({ err: error, ...recipient }, 'could not queue a notification'))
}

/**
 * Asks for a practice's retention rule to be applied soon (after its period is chosen or shortened),
 * rather than at the next daily run. Fire and forget: the daily run applies it anyway.
 */
export function requestRetentionRun(organizationId: string) {
  enqueue(queues.retentionPractice, { organizationId }, { singletonKey: organizationId, singletonSeconds: 60 }).catch(
    (error) => logger.warn({ err: error, organizationId }, 'could not queue a retention run'),
  )
}

/**
 * Asks for one attempt at a webhook delivery, now or at `at`. The delivery row is the truth (its status and
 * next attempt time), so a job queued twice sends once, and the minute sweep queues any whose job was lost.
 * Fire and forget: failing to queue must not fail the change that made the event.
 */
export function requestWebhookDelivery(job: WebhookDeliveryJob, at?: Date) {
  enqueue(queues.deliverWebhook, job, {
    ...(at ? { startAfter: at } : {}),
    // Retries are the delivery's own schedule (app/domain/webhooks/deliver.server.ts), not pg-boss's.
    retryLimit: 0,
  }).catch((error) => logger.warn({ err: error, ...job }, 'could not queue a webhook delivery'))
}
