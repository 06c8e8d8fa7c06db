import { Link } from '@remix-run/react'
import { RecentChangeForm } from './recent-change-form'
import type { ActionData } from './route'
import { SettingsCard } from '~/ui/settings-card'

// Recovery codes: how many are left, new ones on request, and the page that shows a new set once.

export function Recovery({ left, recent, actionData }: { left: number; recent: boolean; actionData: ActionData }) {
  return (
    <SettingsCard id="recovery" title="Recovery codes" className="mt-8">
      <p className="mt-1 text-sm text-slate-700">
        {left} of 10 recovery codes left. Each signs you in once if you lose your phone or passkeys.
      </p>
      <RecentChangeForm
        id="recovery-codes"
        intent="regenerate"
        recent={recent}
        actionData={actionData}
        variant="secondary"
      >
        Make new recovery codes
      </RecentChangeForm>
    </SettingsCard>
  )
}

export function RecoveryCodes({ codes, redirectTo }: { codes: string[]; redirectTo: string }) {
  return (
    <SettingsCard id="codes" title="Save your recovery codes" className="mt-8" borderClass="border-emerald-300">
      <p className="mt-1 text-sm text-slate-700">
        Two-factor sign-in is on. If you lose your phone, each of these codes signs you in once. Keep them somewhere
        safe, such as your password manager: <strong>they are shown only now.</strong>
      </p>
      <ul
        aria-label="Recovery codes"
        data-testid="recovery-codes"
        className="mt-4 grid grid-cols-2 gap-2 font-mono text-sm text-slate-900 sm:grid-cols-5"
      >
        {codes.map((code) => (
          <li key={code} className="rounded bg-slate-100 px-2 py-1 text-center">
            {code}
          </li>
        ))}
      </ul>
      <Link
        to={redirectTo || '/orgs'}
        className="mt-6 inline-flex rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
      >
        I’ve saved them: continue
      </Link>
    </SettingsCard>
  )
}
