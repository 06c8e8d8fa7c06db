// The import limits, shown on the upload page as well as enforced on the server.

export const importLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 20_000,
  /** Above this many rows, the commit runs as a job with its progress shown. */
  inlineRows: 2_000,
  sampleRows: 20,
}
