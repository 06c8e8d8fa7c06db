import { data } from '@remix-run/node'
import { messageReply, saveForm } from '~/lib/form-action.server'
import { timeZoneList } from '~/lib/dates'
import { inputErrorReply, notFound, parseIntentForm } from '~/lib/responses.server'
import { redirectWithToast } from '~/lib/toast.server'
import { isMessageIntent, runMessageIntent, type Speaker } from '../conversations/messages.server'
import { openThread } from '../conversations/open-thread.server'
import {
  InterviewIntent,
  isInterviewIntent,
  listApplicationInterviews,
  runInterviewIntent,
} from '../interviews/interviews.server'
import { ApplicationAction, performApplicationIntent } from './application-intents.server'
import type { PipelineContext } from './applications.server'
import type { Outcome, Stage } from './pipeline'
import { isBackwardMove } from './stage-undo.server'

// What the two pages of one application share, the client's (/me/applications/:id) and the coach's:
// its conversation, its interview dates and the changes to the application itself. Each page opens
// the door its own way and says who is reading; the forms are read and answered here the same for both,
// with a redirect and its toast or the form's 400, as the page's action returns them.

export type ApplicationReader = {
  reader: 'client' | 'coach'
  /** The application's client's pipeline, acted on by this reader. */
  pipeline: PipelineContext
  speaker: Speaker
  /** The page's address. */
  here: string
  /** Throws when this reader may not change the application (writing in its thread stays open). */
  requireWrite: () => void
  /** Said under the toast of a changed interview date. */
  interviewNote?: string
}

/** The application's thread (opening it marks it read), its interview dates and the zones to give one in. */
export async function readApplicationThread(who: ApplicationReader, applicationId: string, clientName: string) {
  const [messages, interviews] = await Promise.all([
    openThread(who.speaker, who.pipeline.clientId, applicationId, clientName),
    listApplicationInterviews(who.pipeline, applicationId),
  ])
  return { messages, interviews, zones: timeZoneList() }
}

/** Runs a form posted to an application's page: a message, an interview date or a change to the application. */
export async function runApplicationForm(
  form: FormData,
  application: { id: string; stage: Stage; outcome: Outcome },
  who: ApplicationReader,
) {
  const { pipeline, here } = who
  const intent = String(form.get('intent') ?? '')
  if (isMessageIntent(form)) {
    const result = await runMessageIntent(who.speaker, pipeline.clientId, application.id, form)
    return messageReply(result, here, { intent })
  }
  if (isInterviewIntent(form)) {
    who.requireWrite()
    const interviewId = String(form.get('interviewId') ?? '') || null
    const save = async (value: InterviewIntent) => {
      const title = await runInterviewIntent(pipeline, application.id, value)
      if (!title) throw notFound()
      const note = who.interviewNote ? { description: who.interviewNote } : {}
      return redirectWithToast(`${here}#interviews`, { title, ...note })
    }
    return saveForm(form, InterviewIntent, save, { intent, interviewId })
  }
  who.requireWrite()
  const parsed = parseIntentForm(form, ApplicationAction)
  if (!parsed.ok) return parsed.refusal
  const { submission, value } = parsed
  if (value.intent === 'move' && !value.confirmBack && isBackwardMove(application, value.stage)) {
    const confirmBack = { from: application.stage, to: value.stage }
    return data({ intent: parsed.intent, result: submission.reply(), confirmBack })
  }
  try {
    const toast = await performApplicationIntent(pipeline, application.id, value, { here, reader: who.reader })
    return redirectWithToast(here, toast)
  } catch (error) {
    return inputErrorReply(submission, error, { intent: parsed.intent })
  }
}
