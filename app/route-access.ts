// Who each route is for. Every route of the app is listed here; tests/route-classification.test.ts
// fails when a route is missing (add it here) and checks that coach and admin routes with an id in
// their path answer 404 to members of other practices.
//   public: anyone, signed in or not     coach: a signed-in coach (tenant routes: a member of the practice)
//   client: a client's portal session     admin: an owner or admin of the practice

export type RouteAccess = 'public' | 'coach' | 'client' | 'admin'

export const routeAccess: Record<string, RouteAccess> = {
  'routes/_index': 'public',
  'routes/healthz': 'public',
  'routes/signup': 'public',
  'routes/login': 'public',
  'routes/login_.two-factor': 'public',
  // Passkey challenges: the password-less sign-in asks before anyone is known; the others check the session.
  'routes/passkeys.options': 'public',
  'routes/login_.sso': 'public',
  'routes/login_.sso_.callback': 'public',
  'routes/logout': 'public',
  'routes/forgot-password': 'public',
  'routes/reset-password': 'public',
  'routes/join.$token': 'public',
  'routes/invite.$token': 'public',
  'routes/me_.signed-out': 'public',
  'routes/unsubscribe.$token': 'public',
  'routes/webhooks.resend': 'public',
  // The JSON API: a Bearer key (never a cookie) opens it; each operation checks the key's scope.
  'routes/api.v1.$': 'public',
  // A calendar subscription: the secret token in the path opens it, never a cookie.
  'routes/calendar.$token': 'public',
  // A sponsor's read-only report and its PDF, and a client's satisfaction survey: the token opens them.
  'routes/sponsor.$token': 'public',
  'routes/sponsor.$token_.pdf': 'public',
  'routes/survey.$token': 'public',

  'routes/me': 'client',
  'routes/me._index': 'client',
  'routes/me.applications.new': 'client',
  'routes/me.applications.$id': 'client',
  'routes/me.messages': 'client',
  'routes/me.tasks': 'client',
  'routes/me.check-in': 'client',
  'routes/me.preferences': 'client',
  'routes/me.data': 'client',
  'routes/me_.data.download': 'client',
  'routes/me.placement': 'client',
  'routes/me_.logout': 'client',

  'routes/settings': 'coach',
  'routes/settings_.two-factor': 'coach',
  'routes/orgs._index': 'coach',
  'routes/orgs.$org': 'coach',
  'routes/orgs.$org._index': 'coach',
  'routes/orgs.$org.members': 'coach',
  'routes/orgs.$org.clients._index': 'coach',
  'routes/orgs.$org.clients.new': 'coach',
  'routes/orgs.$org.clients.$clientId': 'coach',
  'routes/orgs.$org.clients.$clientId_.edit': 'coach',
  'routes/orgs.$org.clients.$clientId_.data': 'coach',
  'routes/orgs.$org.applications._index': 'coach',
  'routes/orgs.$org.applications.export': 'coach',
  'routes/orgs.$org.applications.$applicationId': 'coach',
  'routes/orgs.$org.imports._index': 'coach',
  'routes/orgs.$org.imports.$importId': 'coach',
  'routes/orgs.$org.outbox': 'coach',
  'routes/orgs.$org.digests': 'coach',
  'routes/orgs.$org.insights.$insightId': 'coach',
  'routes/orgs.$org.patterns': 'coach',
  'routes/orgs.$org.tasks': 'coach',
  'routes/orgs.$org.cohorts._index': 'coach',
  'routes/orgs.$org.cohorts.$cohortId': 'coach',
  'routes/orgs.$org.outcomes._index': 'coach',
  'routes/orgs.$org.outcomes.export': 'coach',
  'routes/orgs.$org.outcomes.pdf': 'coach',
  'routes/orgs.$org.clients.$clientId_.placement': 'coach',
  'routes/orgs.$org.settings_.calendar': 'coach',

  'routes/orgs.$org.audit': 'admin',
  'routes/orgs.$org.clients.$clientId_.erase': 'admin',
  'routes/orgs.$org.audit.export': 'admin',
  'routes/orgs.$org.settings': 'admin',
  'routes/orgs.$org.settings_.security': 'admin',
  'routes/orgs.$org.settings_.templates': 'admin',
  'routes/orgs.$org.settings_.fields': 'admin',
  'routes/orgs.$org.settings_.api-keys': 'admin',
  // Owners only (the 'sso:manage' permission); admins get 403.
  'routes/orgs.$org.settings_.sso': 'admin',
  'routes/orgs.$org.settings_.webhooks._index': 'admin',
  'routes/orgs.$org.settings_.webhooks.$endpointId': 'admin',
}
