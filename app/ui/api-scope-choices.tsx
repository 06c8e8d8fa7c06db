import { apiResourceLabels, apiResources } from '~/domain/api-keys/scopes'
import { ErrorList } from '~/ui/form'

// The scopes of a new API key: a row of checkboxes for each kind of record, one column a level.

const levels = { read: 'Read', write: 'Write' } as const

export function ApiScopeChoices({ errorId, errors }: { errorId: string; errors?: string[] | null }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Scopes</legend>
      <p className="text-sm text-slate-600">Write includes read.</p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-1 pr-3 font-medium">
                Records
              </th>
              {Object.values(levels).map((label) => (
                <th key={label} scope="col" className="px-2 py-1 font-medium">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {apiResources.map((r) => (
              <tr key={r} className="border-t border-slate-200">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  {apiResourceLabels[r]}
                </th>
                {Object.keys(levels).map((level) => (
                  <td key={level} className="px-2 py-2">
                    <input
                      type="checkbox"
                      name="scopes"
                      value={`${r}:${level}`}
                      aria-label={`${apiResourceLabels[r]}: ${level}`}
                      className="size-4"
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  )
}
