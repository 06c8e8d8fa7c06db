import * as outcomesExport from '~/routes/orgs.$org.outcomes.export'
import * as outcomesPdf from '~/routes/orgs.$org.outcomes.pdf'
import { call, request, type Handler } from './route-calls'

const loaders = { export: outcomesExport.loader, pdf: outcomesPdf.loader }

/** The owner downloads a cohort's outcome report: the CSV (`export`) or the PDF. */
export const downloadOutcomeReport = (
  format: keyof typeof loaders,
  p: { org: { slug: string }; cohort: { id: string }; ownerCookie: string },
) =>
  call(
    loaders[format] as Handler,
    request(p.ownerCookie, `/orgs/${p.org.slug}/outcomes/${format}?cohort=${p.cohort.id}`),
    { org: p.org.slug },
  )
