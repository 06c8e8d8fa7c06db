import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration } from 'oidc-provider'

// A real OpenID provider (the `oidc-provider` package, certified), run in this process on a local port,
// for the single sign-on tests: discovery, the authorization endpoint with its sign-in interaction,
// the token endpoint with PKCE, and signed ID tokens. `signIn` plays the person at the provider's
// sign-in page with fetch and a cookie jar, and returns where the provider sends the browser back.

export type TestAccount = { email: string; emailVerified?: boolean; name?: string }
export type TestClient = { clientId: string; clientSecret: string; redirectUri: string }

export type LocalOidcProvider = {
  issuer: string
  addAccount: (subject: string, account: TestAccount) => void
  /** Signs `subject` in at the provider, starting from the app's authorization URL; the callback URL it answers with. */
  signIn: (authorizationUrl: string, subject: string) => Promise<URL>
  close: () => Promise<void>
}

export async function startOidcProvider(options: { clients: TestClient[]; port?: number }): Promise<LocalOidcProvider> {
  const accounts = new Map<string, TestAccount>()
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['local-oidc-provider-cookie-key-for-tests'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub)
      if (!account) return undefined
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          name: account.name ?? account.email,
        }),
      }
    },
    // A first-party app: the person is not asked to consent, the grant covers what the app asks.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  }
  const provider = new Provider(issuer, configuration)
  server.on('request', provider.callback())

  async function signIn(authorizationUrl: string, subject: string) {
    const jar = new Map<string, string>()
    const send = async (url: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers)
      if (jar.size) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
      const response = await fetch(url, { ...init, headers, redirect: 'manual' })
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';')
        const index = pair!.indexOf('=')
        jar.set(pair!.slice(0, index), pair!.slice(index + 1))
      }
      return response
    }
    let response = await send(authorizationUrl)
    for (let hop = 0; hop < 10; hop++) {
      const location = response.headers.get('Location')
      if (!location) {
        const html = await response.text()
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
        if (!action) throw new Error(`The provider answered ${response.status} without a form: ${html.slice(0, 300)}`)
        response = await send(new URL(action, issuer).href, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt: 'login', login: subject, password: 'any' }),
        })
        continue
      }
      const next = new URL(location, issuer)
      if (next.origin !== issuer) return next
      response = await send(next.href)
    }
    throw new Error('The provider never sent the browser back')
  }

  return {
    issuer,
    addAccount: (subject, account) => accounts.set(subject, account),
    signIn,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
