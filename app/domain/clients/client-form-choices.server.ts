import { timeZoneList } from '~/lib/dates'
import type { TenantContext } from '~/tenancy/scoped-client.server'
import { listActiveClientFields } from '../client-fields/client-fields.server'
import { listCohortChoices } from '../cohorts/cohorts.server'
import { listCoaches } from './clients.server'

/** What the client form (add and edit) offers to choose from: coaches, cohorts, the practice's own fields, timezones. */
export async function listClientFormChoices(t: TenantContext) {
  const [coaches, cohorts, customFields] = await Promise.all([
    listCoaches(t),
    listCohortChoices(t),
    listActiveClientFields(t),
  ])
  return { coaches, cohorts, customFields, timezones: timeZoneList() }
}
