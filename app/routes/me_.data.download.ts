import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireClient } from '~/auth/client-session.server'
import { exportClientData } from '~/domain/clients/data-export-send.server'
import { zipDownload } from '~/lib/zip-download.server'

// The client's own records as a zip, streamed as it is written.
export async function loader({ request }: LoaderFunctionArgs) {
  const c = await requireClient(request)
  const { chunks, fileName } = await exportClientData({ ...c, organizationId: c.org.id }, 'client')
  return zipDownload(chunks, fileName)
}
