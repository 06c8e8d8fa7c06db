import { requestPasswordReset } from '~/auth/accounts.server'
import type { JobDefinition } from './boss.server'
import { queues, type JobData } from './queue.server'

// Account emails that must not tell, by how long the request takes, whether an account exists:
// the request queues the job, and the lookup happens here.

export const passwordResetJob: JobDefinition = {
  name: queues.passwordReset,
  options: { retryLimit: 2, retryDelay: 30 },
  async handler(jobs) {
    for (const job of jobs) {
      const { email } = job.data as Partial<JobData['password-reset']>
      if (typeof email === 'string') await requestPasswordReset({ email })
    }
  },
}
