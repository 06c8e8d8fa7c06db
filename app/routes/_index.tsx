import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

export const meta: MetaFunction = () => [
  { title: 'Rebound: see every client’s job search, and help them through rejection' },
  {
    name: 'description',
    content:
      'Rebound helps career coaches see every client’s applications and rejections, spot patterns and send weekly progress digests.',
  },
]

export default function Index() {
  return (
    <main className="mx-auto flex min-h-full max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Rebound</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight text-slate-900">
        Every client’s job search, in one place, with the patterns a spreadsheet hides.
      </h1>
      <p className="mt-5 text-lg text-slate-700">
        Rejection is a normal part of every job search. Rebound helps coaches see where each client gets stuck, assign
        the next step that helps, and send a weekly digest that counts every stage reached as progress.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link to="/login" className="rounded-md bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-800">
          Sign in
        </Link>
        <Link
          to="/signup"
          className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-medium text-slate-900 hover:bg-slate-100"
        >
          Start a practice
        </Link>
      </div>
    </main>
  )
}
