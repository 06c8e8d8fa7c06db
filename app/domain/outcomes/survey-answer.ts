import { z } from 'zod'

// The satisfaction survey's one question, shared by the page and the server (no database here).

export const SurveyAnswer = z.object({
  score: z.coerce
    .number({ error: 'Choose a number from 1 to 5' })
    .int('Choose a number from 1 to 5')
    .min(1, 'Choose a number from 1 to 5')
    .max(5, 'Choose a number from 1 to 5'),
})

export const scoreLabels = ['Not at all', 'A little', 'Somewhat', 'A lot', 'A great deal'] as const
