// The import limits, shown on the upload page as well as enforced on the server.

export const importLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 20_000,
  /** Columns in the header or in any row: a spreadsheet of job applications has a few dozen at most. */
  maxColumns: 200,
  /** Above this many rows, the commit runs as a job with its progress shown. */
  inlineRows: 2_000,
  sampleRows: 20,
}
