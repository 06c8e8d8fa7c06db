import type { ImportPreview } from '~/domain/imports/preview.server'
import { importLimits } from '~/domain/imports/limits'

// What the review page is sent of a preview: the first rows of each list, with their totals, never the
// rows to import themselves (a sample of them).

export const shownRows = 500

const firstRows = <T extends { rows: number[] }>(list: T[]) =>
  list.slice(0, 50).map((u) => ({ ...u, rows: u.rows.slice(0, 8), count: u.rows.length }))

export function pagePreview(p: ImportPreview, valueChoices: Record<string, string>) {
  return {
    ...p,
    valid: undefined,
    rejected: undefined,
    clientChanges: undefined,
    clientValues: {
      ...p.clientValues,
      disagreements: p.clientValues.disagreements.slice(0, shownRows),
      disagreementsTotal: p.clientValues.disagreements.length,
      unknownValues: firstRows(p.clientValues.unknownValues),
      unknownCohorts: firstRows(p.clientValues.unknownCohorts),
    },
    valueChoices,
    validCount: p.valid.length,
    sample: p.valid.slice(0, importLimits.sampleRows),
    notes: p.notes.slice(0, shownRows),
    notesTotal: p.notes.length,
    duplicates: p.duplicates.slice(0, shownRows),
    unknownStatuses: firstRows(p.unknownStatuses),
  }
}
