// What the page says when a change needs a fresh sign-in: the action's refusal and the forms' note share it.
export const notRecent =
  'For your safety this needs a sign-in from the last 10 minutes. Sign out, sign in again, then come back here.'
