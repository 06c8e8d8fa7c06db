import { TZDate } from '@date-fns/tz'
import ical, { ICalCalendarMethod } from 'ical-generator'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import { isoDate } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import type { PipelineContext } from '../applications/applications.server'
import { interviewKindLabels } from '../interviews/interview-input'

// The iCalendar documents behind the subscription URLs, built with ical-generator. Interviews carry
// their own timezone (TZID with its VTIMEZONE block, which Outlook needs); task due dates are all-day
// events. A calendar app polls the URL, so the window is bounded: a month back, a year ahead.

const backMs = 31 * 86_400_000
const aheadMs = 366 * 86_400_000
const interviewMs = 60 * 60_000

type Interview = {
  id: string
  kind: keyof typeof interviewKindLabels
  startsAt: Date
  timezone: string
  note: string | null
  applicationId: string
  application: { company: string; roleTitle: string }
}
type DueTask = { id: string; title: string; dueOn: Date | null; applicationId: string | null }

function calendar(name: string) {
  return ical({
    name,
    prodId: { company: 'Rebound', product: 'Rebound', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Refresh about hourly where the calendar app honours it.
    ttl: 3600,
    timezone: { name: null, generator: (zone: string) => tzlib_get_ical_block(zone)[0] ?? null },
  })
}

function addInterview(cal: ReturnType<typeof calendar>, e: Interview, summary: string, url: string) {
  // A TZDate reads its wall clock in the interview's zone: ical-generator writes a plain Date's wall
  // clock in the server's zone, whatever TZID it prints beside it.
  // UTC has no VTIMEZONE block: its times are written with Z instead.
  const zone = /^(Etc\/)?UTC$/.test(e.timezone) ? null : e.timezone
  const at = (ms: number) => (zone ? new TZDate(ms, zone) : new Date(ms))
  cal.createEvent({
    id: `interview-${e.id}@rebound`,
    start: at(e.startsAt.getTime()),
    end: at(e.startsAt.getTime() + interviewMs),
    timezone: zone,
    summary,
    description: [e.note, url].filter(Boolean).join('\n\n'),
    url,
  })
}

function addTask(cal: ReturnType<typeof calendar>, task: DueTask, summary: string, url: string) {
  if (!task.dueOn) return
  // An all-day event on the due date: a `date` column is midnight UTC of that day.
  const day = isoDate(task.dueOn)
  cal.createEvent({
    id: `task-${task.id}@rebound`,
    start: new Date(`${day}T00:00:00Z`),
    allDay: true,
    summary,
    url,
  })
}

const window = (now: Date) => ({ gte: new Date(now.getTime() - backMs), lt: new Date(now.getTime() + aheadMs) })
const interviewSelect = {
  id: true,
  kind: true,
  startsAt: true,
  timezone: true,
  note: true,
  applicationId: true,
  application: { select: { company: true, roleTitle: true } },
} as const

/** The client's calendar: their interviews and the tasks they have to do. */
export async function buildClientCalendar(p: PipelineContext, appUrl: string, now = new Date()) {
  const [interviews, tasks] = await Promise.all([
    p.db.interviewEvent.findMany({
      where: { clientId: p.clientId, startsAt: window(now) },
      orderBy: { startsAt: 'asc' },
      select: interviewSelect,
      take: 500,
    }),
    p.db.task.findMany({
      where: { clientId: p.clientId, status: 'TODO', dueOn: { not: null } },
      orderBy: { dueOn: 'asc' },
      select: { id: true, title: true, dueOn: true, applicationId: true },
      take: 500,
    }),
  ])
  const cal = calendar('Rebound: your interviews and tasks')
  for (const e of interviews) {
    const summary = `${interviewKindLabels[e.kind]}: ${e.application.company} (${e.application.roleTitle})`
    addInterview(cal, e, summary, `${appUrl}/me/applications/${e.applicationId}`)
  }
  for (const task of tasks) addTask(cal, task, `Task due: ${task.title}`, `${appUrl}/me/tasks`)
  return cal.toString()
}

/** A coach's calendar in one practice: the interviews and open tasks of the clients they coach. */
export async function buildCoachCalendar(t: TenantContext, appUrl: string, now = new Date()) {
  const mine = { coachId: t.user.id, status: { not: 'ARCHIVED' as const } }
  const [interviews, tasks] = await Promise.all([
    t.db.interviewEvent.findMany({
      where: { client: mine, startsAt: window(now) },
      orderBy: { startsAt: 'asc' },
      select: { ...interviewSelect, client: { select: { name: true } } },
      take: 2000,
    }),
    t.db.task.findMany({
      where: { client: mine, status: 'TODO', dueOn: { not: null } },
      orderBy: { dueOn: 'asc' },
      select: { id: true, title: true, dueOn: true, applicationId: true, client: { select: { id: true, name: true } } },
      take: 2000,
    }),
  ])
  const cal = calendar(`Rebound: ${t.org.name}`)
  for (const e of interviews) {
    const summary = `${e.client.name}: ${interviewKindLabels[e.kind].toLowerCase()} at ${e.application.company}`
    addInterview(cal, e, summary, `${appUrl}${orgPath(t.org.slug, 'applications', e.applicationId)}`)
  }
  for (const task of tasks) {
    addTask(
      cal,
      task,
      `${task.client.name}: ${task.title} due`,
      `${appUrl}${orgPath(t.org.slug, 'clients', task.client.id)}`,
    )
  }
  return cal.toString()
}
