import { useMemo } from 'react'
import type { ApplicationListRow } from '~/domain/applications/caseload-applications.server'
import { outcomeLabels, reasonLabels, seniorityLabels, sourceLabels, stageLabels } from '~/domain/applications/pipeline'
import type { ClientFieldDef } from '~/domain/client-fields/client-field-display'
import { formatDate, formatDay } from '~/lib/dates'
import { orgPath } from '~/lib/org-path'
import { customFieldColumns } from '~/ui/custom-fields'
import { CellLink, serverColumnHelper } from '~/ui/data-table'

// The applications table's columns: the application's own, then the client's custom fields.

export const hideable = [
  'coach',
  'company',
  'roleTitle',
  'stage',
  'outcome',
  'appliedOn',
  'lastEventAt',
  'seniority',
  'industry',
  'source',
  'location',
  'reason',
  'feedback',
] as const
// The columns that fit a 1440 px screen; the rest are a click away under Columns.
export const defaultHidden = 'industry,source,location,reason,feedback'

export type Row = Omit<ApplicationListRow, 'notes' | 'jobUrl' | 'clientEmail'> & { lastEventAt: Date | string }
const col = serverColumnHelper<Row>()
export const columnLabels: Record<(typeof hideable)[number], string> = {
  coach: 'Coach',
  company: 'Company',
  roleTitle: 'Job title',
  stage: 'Stage',
  outcome: 'Outcome',
  appliedOn: 'Applied',
  lastEventAt: 'Last update',
  seniority: 'Seniority',
  industry: 'Industry',
  source: 'Source',
  location: 'Location',
  reason: 'Rejection reason',
  feedback: 'Feedback received',
}

export function useApplicationColumns(slug: string, timeZone: string, fields: ClientFieldDef[]) {
  return useMemo(
    () => [
      col.accessor('clientName', {
        id: 'client',
        header: 'Client',
        cell: (info) => (
          <CellLink
            to={orgPath(slug, 'clients', info.row.original.clientId)}
            className="font-medium text-brand-700 underline"
          >
            {info.getValue()}
          </CellLink>
        ),
      }),
      col.accessor('company', {
        header: 'Company',
        cell: (info) => (
          <CellLink to={orgPath(slug, 'applications', info.row.original.id)} className="text-brand-700 underline">
            {info.getValue()}
          </CellLink>
        ),
      }),
      col.accessor('roleTitle', { header: 'Job title' }),
      col.accessor('stage', { header: 'Stage', cell: (info) => stageLabels[info.getValue()] }),
      col.accessor('outcome', { header: 'Outcome', cell: (info) => outcomeLabels[info.getValue()] }),
      col.accessor('appliedOn', {
        header: 'Applied',
        cell: (info) => (info.getValue() ? formatDate(info.getValue()) : 'Not yet'),
      }),
      col.accessor('lastEventAt', { header: 'Last update', cell: (info) => formatDay(info.getValue(), timeZone) }),
      col.accessor('coachName', {
        id: 'coach',
        header: 'Coach',
        enableSorting: false,
        cell: (info) => info.getValue() ?? 'Unassigned',
      }),
      col.accessor('seniority', {
        header: 'Seniority',
        enableSorting: false,
        cell: (info) => (info.getValue() ? seniorityLabels[info.getValue()!] : '—'),
      }),
      col.accessor('industry', { header: 'Industry', enableSorting: false, cell: (info) => info.getValue() ?? '—' }),
      col.accessor('source', { header: 'Source', enableSorting: false, cell: (info) => sourceLabels[info.getValue()] }),
      col.accessor('location', { header: 'Location', enableSorting: false, cell: (info) => info.getValue() ?? '—' }),
      col.accessor('rejectionReason', {
        id: 'reason',
        header: 'Rejection reason',
        enableSorting: false,
        cell: (info) => (info.getValue() ? reasonLabels[info.getValue()!] : '—'),
      }),
      col.accessor('feedbackReceived', {
        id: 'feedback',
        header: 'Feedback received',
        enableSorting: false,
        cell: (info) => (info.row.original.outcome === 'REJECTED' ? (info.getValue() ? 'Yes' : 'No') : '—'),
      }),
      ...customFieldColumns<Row>(fields),
    ],
    [slug, timeZone, fields],
  )
}
