import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { answerSurvey, openSurvey } from '~/auth/satisfaction-survey.server'
import { scoreLabels, SurveyAnswer } from '~/domain/outcomes/survey-answer'
import { pathParam, readForm } from '~/lib/request-input'
import { notFound } from '~/lib/responses.server'
import { tokenPageHeaders, tokenPageMeta } from '~/lib/token-page'
import { openByToken } from '~/lib/token-page.server'
import { AuthCard } from '~/ui/auth-card'
import { SubmitButton } from '~/ui/form'

// The one-question survey a client is emailed when placed or archived. The token in the path opens it
// (no sign-in); the answer is kept once.

export const meta = tokenPageMeta('One question')
export const headers = tokenPageHeaders

export function loader({ params }: LoaderFunctionArgs) {
  return openByToken(params, openSurvey)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: SurveyAnswer })
  if (submission.status !== 'success')
    return data({ error: 'Choose a number from 1 to 5, then send it.', saved: false }, { status: 400 })
  const result = await answerSurvey(pathParam(params, 'token'), submission.value.score)
  if (!result) throw notFound()
  if (result === 'already')
    return data(
      { error: 'You answered this already: your first answer is the one kept.', saved: false },
      { status: 409 },
    )
  return { error: null, saved: true }
}

export default function SurveyPage() {
  const { practiceName, firstName, answered } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  if (result?.saved || (answered && !result))
    return (
      <AuthCard title="Thank you">
        <p className="text-slate-700">
          Your answer is saved. {practiceName} sees it; anyone they report to sees only the average of five or more
          answers, never yours alone.
        </p>
      </AuthCard>
    )
  return (
    <AuthCard title={`${firstName}, how much did coaching help?`} intro={`Coaching with ${practiceName}.`}>
      <Form method="post" className="space-y-4">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">
            Choose one, from 1 (not at all) to 5 (a great deal)
          </legend>
          <div className="mt-2 grid grid-cols-1 gap-2">
            {scoreLabels.map((label, i) => (
              <label
                key={label}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-slate-300 px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
              >
                <input type="radio" name="score" value={i + 1} required className="h-4 w-4" />
                <span className="font-semibold">{i + 1}</span>
                <span className="text-slate-700">{label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {result?.error ? (
          <p role="alert" className="text-sm text-red-700">
            {result.error}
          </p>
        ) : null}
        <SubmitButton className="min-h-11 w-full text-base" pendingText="Sending…">
          Send my answer
        </SubmitButton>
      </Form>
      <p className="mt-4 text-sm text-slate-600">One answer per person; it cannot be changed afterwards.</p>
    </AuthCard>
  )
}
