import { Card, SectionTitle } from './portal'

// The portal's word to a client whose cohort has a sponsor: what that sponsor can see of them (nothing
// of theirs alone), so nobody learns it from someone else.

export function SponsorNotice({ sponsors }: { sponsors: { id: string; name: string; sponsorName: string }[] }) {
  return (
    <Card className="mt-6">
      <SectionTitle id="sponsor">What your sponsor sees</SectionTitle>
      <ul className="mt-1 space-y-1 text-slate-700">
        {sponsors.map((s) => (
          <li key={s.id}>
            Your coaching in <strong className="font-semibold text-slate-900">{s.name}</strong> is sponsored by{' '}
            <strong className="font-semibold text-slate-900">{s.sponsorName}</strong>.
          </li>
        ))}
      </ul>
      <p className="mt-2 text-slate-700">
        Your practice may share a report with your sponsor. It shows figures for the whole group only: how many people
        were coached, engaged and placed, how long offers took, applications at each stage, and the average answer to
        “how much did coaching help?”. Any group of fewer than 5 people is merged with others or left out.
      </p>
      <p className="mt-2 text-slate-700">
        It never shows your name, your applications, the companies you applied to, your notes, messages, check-ins or
        anything you wrote.
      </p>
    </Card>
  )
}
