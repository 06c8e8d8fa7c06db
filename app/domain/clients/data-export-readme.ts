import { localTime } from '~/lib/weeks'

// The README at the top of a client's archive: what each file holds, in plain words.

export function exportReadme(
  s: { client: { name: string; email: string; timezone: string }; org: { name: string } },
  now: Date,
) {
  const l = localTime(now, s.client.timezone)
  const at = `${l.date} ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`
  return `Your job search records from Rebound
====================================

Name:       ${s.client.name}
Email:      ${s.client.email}
Practice:   ${s.org.name}
Exported:   ${at} (${s.client.timezone}), ${now.toISOString()} (UTC)

This archive holds everything you recorded, or your coach recorded with you, in Rebound up to
the moment above. It is yours to keep. It can also serve as a dated record of your job search,
for example for a benefits agency: each application, each change of stage and each rejection
carries its date.

Each table comes twice: a .csv file, which any spreadsheet opens, and a .json file with the same
rows for programs. Dates of a day (an applied date, a due date) read YYYY-MM-DD. Moments (when a
stage changed, when a message was sent) are given twice: on your clock (${s.client.timezone}), and
in ISO 8601 in UTC, which does not depend on where you read it.

  applications   Every application: company, job title, status, applied date and details.
                 This file can be imported back into Rebound, or into most job trackers.
  stage-history  Every change of stage or outcome of an application, with its date.
  rejections     The applications that ended in a rejection: when, at which stage, the reason
                 and any feedback.
  tasks          The tasks your coach gave you, their due dates and when you finished them.
  check-ins      Your weekly check-ins: mood, energy and confidence (1 to 5) and your notes.
  messages       Your conversation with your coach (deleted messages are left out).
  digests        The weekly digest emails sent to you, by ISO week.
  digest-notes   The notes your coach wrote for your weekly digests.
  fields         What your practice records about you in fields of its own (a programme, a start
                 date), by the field's name. A field the practice no longer uses is marked retired.

Your coach's private notes about you are not part of this archive. To ask your practice what
else it holds about you, or to have your records erased, write to your coach.
`
}
