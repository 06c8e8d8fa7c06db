import { hashSurveyToken } from '~/domain/outcomes/surveys.server'
import { prisma } from '~/lib/db.server'

// The survey's page opens with the token emailed to the client, no sign-in (an archived client cannot
// sign in): the token is the credential. Unknown or expired reads as "no such page" (null, a 404).

async function findSurvey(token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{32,64}$/.test(token)) return null
  const survey = await prisma.satisfactionSurvey.findUnique({
    where: { tokenHash: hashSurveyToken(token) },
    include: { organization: { select: { name: true } }, client: { select: { name: true, erasedAt: true } } },
  })
  if (!survey || survey.expiresAt <= now || survey.client.erasedAt) return null
  return survey
}

export async function openSurvey(token: string, now = new Date()) {
  const survey = await findSurvey(token, now)
  if (!survey) return null
  return {
    practiceName: survey.organization.name,
    firstName: survey.client.name.split(' ')[0] || survey.client.name,
    answered: survey.answeredAt !== null,
  }
}

/** Stores the answer once: 'saved', 'already' when it was answered before, null when there is no such survey. */
export async function answerSurvey(token: string, score: number, now = new Date()) {
  const survey = await findSurvey(token, now)
  if (!survey) return null
  const { count } = await prisma.satisfactionSurvey.updateMany({
    where: { id: survey.id, answeredAt: null },
    data: { score, answeredAt: now },
  })
  return count === 1 ? 'saved' : 'already'
}
