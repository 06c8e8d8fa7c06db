// What a column of an imported file can hold. No database here: the mapping step's selects use it too.

export const importFields = [
  'company',
  'roleTitle',
  'appliedOn',
  'status',
  'result',
  'statusDate',
  'respondedOn',
  'offer',
  'screened',
  'interviewed',
  'rejected',
  'seniority',
  'industry',
  'location',
  'workMode',
  'source',
  'jobUrl',
  'resumeTailored',
  'coverLetter',
  'salary',
  'salaryMin',
  'salaryMax',
  'notes',
  'clientEmail',
  'cohort',
] as const
export type ImportField = (typeof importFields)[number]

/** A custom client field of the practice, as a column's target: "field:<id>". */
export type FieldTarget = `field:${string}`
export type ColumnTarget = ImportField | FieldTarget

/** One entry per column of the file, in order: what it fills, or null when it is left out. */
export type ColumnMapping = (ColumnTarget | null)[]

export const fieldTarget = (fieldId: string): FieldTarget => `field:${fieldId}`
/** The custom field's id a target names, or null for an application's field or the cohort. */
export const fieldIdOf = (target: ColumnTarget | null | undefined) =>
  target?.startsWith('field:') ? target.slice('field:'.length) : null

export const importFieldLabels: Record<ImportField, string> = {
  company: 'Company',
  roleTitle: 'Job title',
  appliedOn: 'Applied date',
  status: 'Status',
  result: 'Outcome (beside a status)',
  statusDate: 'Status date',
  respondedOn: 'First response date',
  offer: 'Offer (yes/no)',
  screened: 'Screen or call (yes/no)',
  interviewed: 'Interviewed (yes/no)',
  rejected: 'Rejected (yes/no)',
  seniority: 'Seniority',
  industry: 'Industry',
  location: 'Location',
  workMode: 'Remote / hybrid / on site',
  source: 'Source',
  jobUrl: 'Job link',
  resumeTailored: 'Résumé tailored (yes/no)',
  coverLetter: 'Cover letter (yes/no)',
  salary: 'Salary or range',
  salaryMin: 'Salary from',
  salaryMax: 'Salary to',
  notes: 'Notes',
  clientEmail: 'Client email',
  cohort: 'Cohort (client)',
}

export const importFormatLabels: Record<string, string> = {
  linkedin: 'LinkedIn export',
  simplify: 'Simplify export',
  huntr: 'Huntr export',
  teal: 'Teal export',
  spreadsheet: 'Spreadsheet',
}

/** What a status value the reader did not know can be mapped to, once for the whole file. */
export const statusChoiceLabels: Record<string, string> = {
  'APPLIED:ACTIVE': 'Applied, waiting',
  'APPLIED:GHOSTED': 'No response',
  'APPLIED:REJECTED': 'Rejected after applying',
  'SCREEN:ACTIVE': 'Screen, in progress',
  'SCREEN:REJECTED': 'Rejected after a screen',
  'INTERVIEW:ACTIVE': 'Interviewing',
  'INTERVIEW:REJECTED': 'Rejected after an interview',
  'FINAL:REJECTED': 'Rejected at the final round',
  'OFFER:ACTIVE': 'Offer, undecided',
  'OFFER:OFFER_ACCEPTED': 'Offer accepted',
  'OFFER:OFFER_DECLINED': 'Offer declined',
  'APPLIED:WITHDRAWN': 'Withdrew',
  'SAVED:ACTIVE': 'Saved, not applied',
}

/** What an import wrote, counted as a coach would count it. */
export type ImportedCounts = {
  applications: number
  rejected: number
  ghosted: number
  withdrawn: number
  open: number
  /** Reached an interview or further (final round, offer). */
  interviews: number
  offers: number
}

/** "35 rejected · 33 no response · 3 withdrawn · 0 still open · 20 reached an interview · 4 an offer" */
export const importedCountsText = (c: ImportedCounts) =>
  `${c.rejected} rejected · ${c.ghosted} no response · ${c.withdrawn} withdrawn · ${c.open} still open · ${c.interviews} reached an interview · ${c.offers} an offer`
