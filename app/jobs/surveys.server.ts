import { sendSatisfactionSurvey } from '~/domain/outcomes/surveys.server'
import { getEnv } from '~/lib/env.server'
import { systemTenantContext } from '~/tenancy/system-context.server'
import type { JobDefinition } from './boss.server'
import { queues, type JobData } from './queue.server'

// The satisfaction survey, queued when a client is placed or archived (app/domain/outcomes/surveys.server.ts).

export async function runSurveyJob(job: JobData['send-satisfaction-survey'], now = new Date()) {
  const t = await systemTenantContext({ id: job.organizationId })
  if (!t) return null
  return sendSatisfactionSurvey(t, job.clientId, getEnv().APP_URL, now)
}

export const surveyJob: JobDefinition = {
  name: queues.sendSurvey,
  options: { retryLimit: 2, retryDelay: 60 },
  async handler(jobs) {
    for (const job of jobs) {
      const data = job.data as Partial<JobData['send-satisfaction-survey']>
      if (typeof data.organizationId === 'string' && typeof data.clientId === 'string')
        await runSurveyJob({ organizationId: data.organizationId, clientId: data.clientId })
    }
  },
}
