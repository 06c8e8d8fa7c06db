import { createElement } from 'react'
import ClientDataEmail from '../../../emails/client-data'
import { recordTenantEvent } from '~/domain/practices/audit.server'
import { sendEmail } from '~/lib/email.server'
import { InputError } from '~/lib/input-error'
import { zipChunks } from '~/lib/zip-download.server'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { inviteUrl, issueSignInLink } from './access-links.server'
import { clientExportFiles, exportFolderName, type ExportSource } from './data-export.server'

// Handing a client their records: the zip itself (for the portal and for a coach's download), and the
// email a coach sends at the end of an engagement, whose button signs the client in once and opens the
// page with the download (docs/decisions/0027).

/** Where the data email's link lands: the portal page with the download. */
export const dataPagePath = '/me/data'

/** The archive's bytes and its file name. Recorded in the audit log as the client's or the coach's act. */
export async function exportClientData(
  s: ExportSource & { organizationId: string },
  actor: { userId: string } | 'client',
  now = new Date(),
) {
  await s.db.auditEvent.create({
    data: {
      organizationId: s.organizationId,
      actorUserId: actor === 'client' ? null : actor.userId,
      actorType: actor === 'client' ? 'CLIENT' : 'COACH',
      action: 'client.data_exported',
      targetType: 'Client',
      targetId: s.client.id,
    },
  })
  return {
    chunks: zipChunks(clientExportFiles(s, now), now),
    fileName: `${exportFolderName(s.client.name, now, s.client.timezone)}.zip`,
  }
}

/** Emails the client a one-time sign-in link to their data page. An archived client cannot sign in. */
export async function emailClientData(
  t: TenantContext,
  client: { id: string; name: string; email: string; status: string; coach: { name: string } | null },
  appUrl: string,
  now = new Date(),
) {
  if (client.status === 'ARCHIVED')
    throw new InputError(
      null,
      'An archived client cannot sign in to download. Mark them placed or active, send their data, then archive them.',
    )
  const { token, link } = await issueSignInLink(
    { db: t.db, organizationId: t.org.id, clientId: client.id, createdById: t.user.id },
    now,
  )
  const url = `${inviteUrl(appUrl, token)}?to=${encodeURIComponent(dataPagePath)}`
  const coachName = client.coach?.name ?? t.user.name
  await sendEmail({
    to: client.email,
    subject: `${coachName} sent you your job search records`,
    react: createElement(ClientDataEmail, {
      clientName: client.name,
      coachName,
      practiceName: t.org.name,
      signInUrl: url,
      expiresAt: link.expiresAt,
    }),
    kind: 'client-data',
    organizationId: t.org.id,
  })
  await recordTenantEvent(
    t,
    'client.data_sent',
    { type: 'Client', id: client.id },
    { expiresAt: link.expiresAt.toISOString() },
  )
  return { url }
}
