import { createHash, randomBytes } from 'node:crypto'
import { createElement } from 'react'
import SatisfactionSurveyEmail from '../../../emails/satisfaction-survey'
import { enqueue, queues } from '~/jobs/queue.server'
import { sendEmail } from '~/lib/email.server'
import { logger } from '~/lib/logger.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { isUniqueViolation } from '~/tenancy/sql.server'

// The one-question satisfaction survey: when a client is placed or archived, a job emails them a link
// (256 random bits, only the hash stored) to a page with one question, "How much did coaching help?",
// answered 1 to 5, once. Each client gets one survey, ever. The answers are the outcome report's
// satisfaction figure (outcome-figures.ts); a sponsor sees it only over five or more answers.

/** How long the survey's link works. */
export const surveyDays = 60

export function hashSurveyToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/** Asks the job runner to send the survey; when this process runs no jobs, nothing is sent. */
export async function queueSatisfactionSurvey(organizationId: string, clientId: string) {
  await enqueue(queues.sendSurvey, { organizationId, clientId }, { retryLimit: 2, retryDelay: 60 })
}

/** Queues the survey when a change of status places or archives the client (after the change commits). */
export async function queueSurveyOnStatusChange(
  organizationId: string,
  before: string,
  client: { id: string; status: string },
) {
  if (before !== client.status && (client.status === 'PLACED' || client.status === 'ARCHIVED'))
    await queueSatisfactionSurvey(organizationId, client.id)
}

/**
 * Sends the client their survey, once: null when they already have one, are not placed or archived,
 * or are not in this context. The row comes first, so two jobs for one client send one email.
 */
export async function sendSatisfactionSurvey(t: TenantContext, clientId: string, appUrl: string, now = new Date()) {
  const client = await t.db.client.findFirst({
    where: { id: clientId, erasedAt: null, status: { in: ['PLACED', 'ARCHIVED'] } },
    select: { id: true, name: true, email: true, status: true, coach: { select: { name: true } } },
  })
  if (!client) return null
  if (await t.db.satisfactionSurvey.findFirst({ where: { clientId }, select: { id: true } })) return null
  const token = randomBytes(32).toString('base64url')
  try {
    await t.db.satisfactionSurvey.create({
      data: {
        organizationId: t.org.id,
        clientId,
        tokenHash: hashSurveyToken(token),
        reason: client.status,
        expiresAt: new Date(now.getTime() + surveyDays * 86_400_000),
      },
    })
  } catch (error) {
    if (isUniqueViolation(error)) return null
    throw error
  }
  const surveyUrl = `${appUrl.replace(/\/$/, '')}/survey/${token}`
  const coachName = client.coach?.name ?? t.org.name
  await sendEmail({
    to: client.email,
    subject: `${t.org.name}: how much did coaching help?`,
    react: createElement(SatisfactionSurveyEmail, {
      clientName: client.name,
      coachName,
      practiceName: t.org.name,
      surveyUrl,
      placed: client.status === 'PLACED',
    }),
    kind: 'satisfaction-survey',
    organizationId: t.org.id,
  })
  logger.info({ organizationId: t.org.id, clientId }, 'satisfaction survey sent')
  return { surveyUrl }
}
