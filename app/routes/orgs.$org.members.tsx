import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { can, roleLabels } from '~/domain/practices/permissions'
import { getClientIp } from '~/auth/rate-limit.server'
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  listPendingInvites,
  removeMember,
  resendInvite,
  revokeInvite,
} from '~/domain/practices/members.server'
import { MemberAction, roles } from '~/domain/practices/members-schema'
import { formatDay } from '~/lib/dates'
import { getEnv } from '~/lib/env.server'
import { redirectWithToast } from '~/lib/toast.server'
import { requirePermission, requireTenant } from '~/auth/require-tenant.server'
import { Button, Field, FormErrors, inputClass, SelectField, SubmitButton } from '~/ui/form'
import { useZodForm } from '~/ui/zod-form'
import { readForm } from '~/lib/request-input'
import { InputError } from '~/lib/input-error'
import { inputErrorReply, notFound } from '~/lib/responses.server'
import { orgPath } from '~/lib/org-path'
import { Panel } from '~/ui/panel'

export const meta: MetaFunction = () => [{ title: 'Members · Rebound' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await requireTenant(request, params)
  const [members, invites] = await Promise.all([listMembers(t), listPendingInvites(t)])
  return { members, invites, me: t.user.id, role: t.role, timeZone: t.org.timezone }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const t = await requireTenant(request, params)
  requirePermission(t, 'members:manage')
  const submission = parseWithZod(await readForm(request), { schema: MemberAction })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const v = submission.value
  const options = { appUrl: getEnv().APP_URL, ip: getClientIp(request, context) }
  const done = await (async () => {
    if (v.intent === 'invite') return inviteMember(t, v, options).then(() => `Invitation sent to ${v.email}`)
    if (v.intent === 'resend-invite')
      return resendInvite(t, v.inviteId, options).then((r) => r && 'Invitation sent again')
    if (v.intent === 'revoke-invite') return revokeInvite(t, v.inviteId, options).then((r) => r && 'Invitation revoked')
    if (v.intent === 'change-role') return changeMemberRole(t, v, options).then((r) => r && 'Role changed')
    return removeMember(t, v.membershipId, options).then((r) => r && 'Member removed')
  })().catch((error: unknown) => {
    if (error instanceof InputError) return error
    throw error
  })
  if (done instanceof InputError) return inputErrorReply(submission, done)
  if (!done) throw notFound()
  return redirectWithToast(orgPath(t.org.slug, 'members'), { title: done })
}

const roleOptions = (grantAdmins: boolean) =>
  roles.filter((r) => grantAdmins || r === 'COACH').map((r) => ({ value: r, label: roleLabels[r] }))

export default function Members() {
  const { members, invites, me, role, timeZone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const manage = can(role, 'members:manage')
  const grantAdmins = can(role, 'members:manage-admins')
  const errors = actionData?.result.error?.['']
  return (
    <main className="space-y-8">
      <h1 className="text-2xl font-bold">Members</h1>
      <FormErrors errors={errors} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          People in this practice
        </h2>
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {members.map((m) => (
            <MemberRow
              key={m.id}
              member={m}
              isMe={m.user.id === me}
              manage={manage && (grantAdmins || m.role === 'COACH')}
            />
          ))}
        </ul>
      </section>
      {manage ? (
        <>
          <Panel id="invite-heading" title="Invite a coach">
            {/* A new form after each invitation sent, so the address just invited is cleared. */}
            <InviteForm key={invites.map((i) => i.id).join()} grantAdmins={grantAdmins} />
          </Panel>
          <section aria-labelledby="invites-heading">
            <h2 id="invites-heading" className="text-lg font-semibold">
              Pending invitations
            </h2>
            {invites.length === 0 ? (
              <p className="mt-2 text-slate-600">No invitations waiting.</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {invites.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 p-4">
                    <span>
                      <span className="font-medium">{i.email}</span>{' '}
                      <span className="text-sm text-slate-600">
                        {roleLabels[i.role]} · expires {formatDay(i.expiresAt, timeZone)}
                      </span>
                    </span>
                    <Form method="post" className="flex gap-2">
                      <input type="hidden" name="inviteId" value={i.id} />
                      <Button type="submit" name="intent" value="resend-invite" variant="secondary">
                        Resend
                      </Button>
                      <Button type="submit" name="intent" value="revoke-invite" variant="secondary">
                        Revoke
                      </Button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </main>
  )
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>['members'][number]

function MemberRow({ member, isMe, manage }: { member: Member; isMe: boolean; manage: boolean }) {
  const label = `${member.user.name}${isMe ? ' (you)' : ''}`
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-4">
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-sm text-slate-600">{member.user.email}</span>
      </span>
      {manage ? (
        <div className="flex flex-wrap items-center gap-2">
          <Form method="post" className="flex items-center gap-2">
            <input type="hidden" name="intent" value="change-role" />
            <input type="hidden" name="membershipId" value={member.id} />
            <label htmlFor={`role-${member.id}`} className="sr-only">
              Role of {member.user.name}
            </label>
            <select id={`role-${member.id}`} name="role" defaultValue={member.role} className={inputClass}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" className="whitespace-nowrap">
              Save role
            </Button>
          </Form>
          <details className="relative">
            <summary className="cursor-pointer list-none rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100">
              Remove…
            </summary>
            <Form
              method="post"
              className="absolute right-0 z-10 mt-1 w-64 rounded-md border border-slate-200 bg-white p-3 shadow-lg"
            >
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="membershipId" value={member.id} />
              <input type="hidden" name="confirm" value="yes" />
              <p className="text-sm text-slate-700">They lose access to this practice at once.</p>
              <Button type="submit" variant="danger" className="mt-2 w-full">
                Remove {member.user.name}
              </Button>
            </Form>
          </details>
        </div>
      ) : (
        <span className="text-sm text-slate-700">{roleLabels[member.role]}</span>
      )}
    </li>
  )
}

function InviteForm({ grantAdmins }: { grantAdmins: boolean }) {
  const actionData = useActionData<typeof action>()
  const [form, fields] = useZodForm(MemberAction, {
    id: 'invite',
    lastResult: actionData?.result,
    defaultValue: { intent: 'invite', role: 'COACH' },
    shouldRevalidate: 'onInput',
  })
  // Top-aligned, the button has the label's height above it: an error under the email moves nothing.
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="mt-3 grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
    >
      <Field label="Their email" type="email" field={fields.email} autoComplete="off" />
      <SelectField label="Role" field={fields.role} options={roleOptions(grantAdmins)} />
      <SubmitButton intent="invite" pendingText="Sending…" className="sm:mt-6">
        Send invitation
      </SubmitButton>
    </Form>
  )
}
