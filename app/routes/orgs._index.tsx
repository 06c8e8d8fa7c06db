import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { roleLabels } from '~/domain/practices/permissions'
import { requireUser } from '~/auth/session.server'
import { listUserPractices } from '~/auth/require-tenant.server'
import { orgPath } from '~/lib/org-path'

export const meta: MetaFunction = () => [{ title: 'Your practices · Rebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request)
  const practices = await listUserPractices(user.id)
  if (practices.length === 1) throw redirect(orgPath(practices[0]!.slug))
  return { practices, name: user.name }
}

export default function Practices() {
  const { practices, name } = useLoaderData<typeof loader>()
  return (
    <main className="mx-auto w-full max-w-xl px-4 py-12">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Rebound</p>
      <h1 className="mt-2 text-2xl font-bold">Your practices</h1>
      {practices.length === 0 ? (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
          <p className="text-slate-700">
            {name}, you’re not a member of any practice yet. If a colleague invited you, open the link in their email.
          </p>
          <Link
            to="/signup"
            className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
          >
            Start a practice
          </Link>
        </div>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {practices.map((p) => (
            <li key={p.id}>
              <Link to={orgPath(p.slug)} className="flex items-center justify-between gap-4 p-4 hover:bg-slate-50">
                <span className="font-medium text-slate-900">{p.name}</span>
                <span className="text-sm text-slate-600">{roleLabels[p.role]}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" action="/logout" className="mt-8">
        <button type="submit" className="text-sm font-medium text-brand-700 underline underline-offset-2">
          Log out
        </button>
      </Form>
    </main>
  )
}
