import { describeStageChange } from '~/domain/applications/pipeline'
import type { ActorType } from '~/domain/applications/pipeline'
import { formatDateTime } from '~/lib/dates'
import type { LoaderData } from './route'

// The application's stage changes, newest last, each with who made it.

const actorNames: Record<ActorType, string> = {
  CLIENT: 'you',
  COACH: 'your coach',
  IMPORT: 'an import',
  API_KEY: 'your coach’s tools',
  SYSTEM: 'Rebound',
}

export function Timeline({ events, timezone }: { events: LoaderData['events']; timezone: string }) {
  if (events.length === 0) return <p className="mt-2 text-slate-700">Nothing yet.</p>
  return (
    <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
      {events.map((e) => (
        <li key={e.id}>
          <p className="font-medium text-slate-900">{describeStageChange(e)}</p>
          <p className="text-sm text-slate-600">
            {formatDateTime(e.occurredAt, timezone)} · by {actorNames[e.actorType]}
          </p>
        </li>
      ))}
    </ol>
  )
}
