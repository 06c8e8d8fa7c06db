import { createHash } from 'node:crypto'
import * as oidc from 'openid-client'
import { getEnv } from '~/lib/env.server'

// OpenID Connect as a client (openid-client): discovery of a provider from its issuer URL, the
// authorization URL with PKCE, state and nonce, and the code exchange that checks all three and the
// ID token. Infrastructure only: which practice and which person is the caller's business.

export type OidcProvider = { issuer: string; clientId: string; clientSecret: string }

const discoveryTimeoutSeconds = 10
const cacheMs = 10 * 60 * 1000
const configurations = new Map<string, { at: number; config: Promise<oidc.Configuration> }>()

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Why an issuer URL cannot be used, or null. https only, but for a provider on this machine where the environment allows it. */
export function issuerProblem(issuer: string): string | null {
  let url: URL
  try {
    url = new URL(issuer)
  } catch {
    return 'Enter the issuer as a full address, such as https://login.example.com'
  }
  if (url.search || url.hash || url.username || url.password) return 'Enter the issuer without ?, # or a user name'
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && loopbackHosts.has(url.hostname) && getEnv().SSO_ALLOW_LOCAL_HTTP_ISSUERS) return null
  return 'The issuer address must start with https://'
}

function cacheKey(provider: OidcProvider) {
  const secret = createHash('sha256').update(provider.clientSecret).digest('hex')
  return `${provider.issuer}\n${provider.clientId}\n${secret}`
}

/** The provider's configuration from its discovery document, kept for ten minutes. */
export function discoverProvider(provider: OidcProvider, now = Date.now()): Promise<oidc.Configuration> {
  const key = cacheKey(provider)
  const hit = configurations.get(key)
  if (hit && now - hit.at < cacheMs) return hit.config
  const problem = issuerProblem(provider.issuer)
  if (problem) return Promise.reject(new Error(problem))
  const insecure = new URL(provider.issuer).protocol === 'http:'
  const config = oidc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    provider.clientSecret,
    oidc.ClientSecretBasic(provider.clientSecret),
    { timeout: discoveryTimeoutSeconds, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
  )
  configurations.set(key, { at: now, config })
  // A failed discovery is not kept: the next sign-in asks again.
  config.catch(() => configurations.delete(key))
  return config
}

export type AuthorizationRequest = { url: string; state: string; nonce: string; codeVerifier: string }

/** Where to send the browser: the authorization endpoint with a fresh state, nonce and PKCE challenge (S256). */
export async function buildAuthorizationRequest(
  config: oidc.Configuration,
  options: { redirectUri: string; loginHint?: string | null },
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  })
  return { url: url.href, state, nonce, codeVerifier }
}

export type VerifiedClaims = {
  issuer: string
  subject: string
  email: string | null
  emailVerified: boolean
  name: string | null
}

export class OidcCallbackError extends Error {
  constructor(
    message: string,
    /** The provider's own error code (access_denied, invalid_grant) or the check that failed. */
    public readonly code: string,
  ) {
    super(message)
    this.name = 'OidcCallbackError'
  }
}

/**
 * Exchanges the code the provider sent back to `callbackUrl`. openid-client checks the state, sends the
 * PKCE verifier, and checks the ID token's signature, issuer, audience, expiry and nonce.
 */
export async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedClaims> {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    })
  } catch (error) {
    throw asCallbackError(error)
  }
  const claims = tokens.claims()
  if (!claims) throw new OidcCallbackError('The provider sent no ID token', 'no_id_token')
  // Providers that keep the ID token small (Okta, and any that follow the spec's default when an access
  // token is issued) give the email at the userinfo endpoint; openid-client checks its subject is the same.
  let profile: Record<string, unknown> = { ...claims }
  if (typeof claims.email !== 'string' && tokens.access_token) {
    try {
      profile = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)
    } catch (error) {
      throw asCallbackError(error)
    }
  }
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof profile.email === 'string' ? profile.email.trim().toLowerCase() : null,
    emailVerified: profile.email_verified === true,
    name: typeof profile.name === 'string' ? profile.name : null,
  }
}

function asCallbackError(error: unknown): OidcCallbackError {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError)
    return new OidcCallbackError(error.error_description ?? error.message, error.error)
  if (error instanceof oidc.ClientError) return new OidcCallbackError(error.message, error.code ?? 'client_error')
  return new OidcCallbackError(error instanceof Error ? error.message : String(error), 'unreachable')
}

/** Forgets every kept configuration (tests that change a provider between cases). */
export function forgetProviders() {
  configurations.clear()
}
