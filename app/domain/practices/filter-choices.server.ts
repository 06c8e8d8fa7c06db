import type { TenantContext } from '~/tenancy/scoped-client.server'
import { queryTenantLists } from '~/tenancy/sql.server'
import { applicationFilterChoicesOf, clientFilterChoices } from '../applications/caseload-applications.server'
import { activeClientFields } from '../client-fields/client-fields.server'
import { coachChoices, coachesByName } from '../clients/clients.server'
import { cohortChoices } from '../cohorts/cohorts.server'

// The lists a table page's filters offer (the practice's custom fields, coaches, cohorts, clients), read in one
// statement: each is small, and each statement of a page is a round trip of its own (queryTenantLists).

/** The applications page's filter choices; `selectedClient` is the client filter's value, kept in a large practice. */
export async function applicationsPageChoices(t: TenantContext, selectedClient?: string) {
  const lists = await queryTenantLists(t, {
    fields: activeClientFields,
    coaches: coachChoices,
    clients: clientFilterChoices(t),
    cohorts: cohortChoices,
  })
  return {
    fields: lists.fields,
    coaches: coachesByName(lists.coaches),
    clients: await applicationFilterChoicesOf(t, lists.clients, selectedClient),
    cohorts: lists.cohorts,
  }
}

/** The roster's filter choices. */
export async function rosterPageChoices(t: TenantContext) {
  const lists = await queryTenantLists(t, { fields: activeClientFields, coaches: coachChoices, cohorts: cohortChoices })
  return { fields: lists.fields, coaches: coachesByName(lists.coaches), cohorts: lists.cohorts }
}
