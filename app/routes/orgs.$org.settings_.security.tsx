import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { securityControls } from '~/domain/practices/security-controls.server'
import { getEnv, isSecureOrigin } from '~/lib/env.server'
import { orgPath } from '~/lib/org-path'
import { plural } from '~/lib/plural'

export const meta: MetaFunction = () => [{ title: 'Security controls · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'practice:settings')
  const env = getEnv()
  const controls = await securityControls(t, {
    dataLocation: env.DATA_LOCATION ?? null,
    encryptionAtRest: env.ENCRYPTION_AT_REST ?? null,
    emailProvider: Boolean(env.RESEND_API_KEY),
    https: isSecureOrigin(),
  })
  return { controls, slug: t.org.slug }
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-t border-slate-200 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="font-medium text-slate-900">{term}</dt>
      <dd className="text-slate-800 sm:col-span-2">{children}</dd>
    </div>
  )
}

const notStated = 'Not stated for this deployment: ask your Rebound host.'

export default function SecurityControlsPage() {
  const { controls: c, slug } = useLoaderData<typeof loader>()
  const link = (to: string, text: string) => (
    <Link to={to} className="text-brand-700 underline">
      {text}
    </Link>
  )
  return (
    <main className="max-w-3xl">
      <h1 className="text-2xl font-bold">Security controls</h1>
      <p className="mt-1 text-slate-700">
        What is in place for this practice, as it stands now, to answer a security questionnaire.
      </p>
      <dl className="mt-5">
        <Row term="Two-factor sign-in">
          {c.requireTwoFactor ? 'Required of every member.' : 'Offered to every member, not required.'}{' '}
          {c.membersWithTwoFactor} of {plural(c.members, 'member')} use an authenticator app or a passkey.{' '}
          {link(orgPath(slug, 'settings'), 'Change in settings')}
        </Row>
        <Row term="Single sign-on">
          {c.sso
            ? `OpenID Connect with ${c.sso.issuer}, for ${c.sso.allowedDomains.join(', ')}; ${c.sso.ssoOnly ? 'members sign in only this way (owners keep a password to get back in).' : 'members may also use a password.'}`
            : 'Not set up: members sign in with a password.'}{' '}
          {link(orgPath(slug, 'settings/sso'), 'Single sign-on settings')}
        </Row>
        <Row term="Passwords and sessions">
          Passwords are stored as Argon2id hashes. Session, invite and sign-in link tokens are stored only as SHA-256
          hashes; authenticator keys are encrypted (AES-256-GCM).
        </Row>
        <Row term="Audit log">
          Sign-ins, settings, exports, erasures and changes to records are logged with who and when:{' '}
          {plural(c.auditEventsLast30Days, 'event')} in the last 30 days.{' '}
          {link(orgPath(slug, 'audit'), 'Open the audit log')}
        </Row>
        <Row term="Retention">
          {c.archivedClientRetentionMonths
            ? `Archived clients are erased ${c.archivedClientRetentionMonths} months after they were archived and last changed, by a daily job.`
            : 'Archived clients are kept until an owner or admin erases them.'}{' '}
          {link(orgPath(slug, 'settings'), 'Change in settings')}
        </Row>
        <Row term="A client’s data">
          Clients download their own records (CSV and JSON) from their portal; coaches can email them the same. Owners
          and admins can erase a client: their personal data and free text are removed and their applications counted
          anonymously. {plural(c.erasedClients, 'client')} erased so far.
        </Row>
        <Row term="Data location">{c.dataLocation ?? notStated}</Row>
        <Row term="Encryption at rest">{c.encryptionAtRest ?? notStated}</Row>
        <Row term="Encryption in transit">
          {c.https
            ? 'HTTPS: this deployment’s address is https, and sign-in cookies are Secure, HttpOnly and SameSite=Lax.'
            : 'This deployment’s address is not https (a local or test setup). Sign-in cookies are HttpOnly and SameSite=Lax.'}
        </Row>
        <Row term="Subprocessors">
          The database host{c.dataLocation ? ` (${c.dataLocation})` : ''}
          {c.emailProvider
            ? '; Resend, which delivers email.'
            : '. No email provider is set up: emails stay in the outbox.'}
        </Row>
      </dl>
    </main>
  )
}
