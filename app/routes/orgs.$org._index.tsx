import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireTenant } from '~/tenancy.server'

export const meta: MetaFunction = () => [{ title: 'Home · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  const [clients, applications] = await Promise.all([t.db.client.count(), t.db.jobApplication.count()])
  return { name: t.user.name, slug: t.org.slug, clients, applications }
}

export default function PracticeHome() {
  const { name, slug, clients, applications } = useLoaderData<typeof loader>()
  return (
    <main>
      <h1 className="text-2xl font-bold">Welcome, {name}</h1>
      <dl className="mt-6 grid gap-4 sm:grid-cols-2">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Clients</dt>
          <dd className="text-3xl font-bold">{clients}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Applications tracked</dt>
          <dd className="text-3xl font-bold">{applications}</dd>
        </div>
      </dl>
      <p className="mt-6">
        <Link to={`/orgs/${slug}/clients`} className="font-medium text-brand-700 underline underline-offset-2">
          See your clients
        </Link>
      </p>
    </main>
  )
}
