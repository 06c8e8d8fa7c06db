import { isDatabaseUp } from '~/lib/health.server'

export async function loader() {
  const up = await isDatabaseUp()
  return Response.json({ db: up ? 'ok' : 'down' }, { status: up ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
