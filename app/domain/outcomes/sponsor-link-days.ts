// How long a sponsor's link may last, in days: shared by the form and the server (no database here).
export const sponsorLinkDays = [30, 90, 180, 365] as const
