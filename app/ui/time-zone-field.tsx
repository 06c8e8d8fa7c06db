import { useEffect, useRef, useState } from 'react'
import { localTimeZone } from '~/lib/dates'
import { SelectField, type AnyField } from './form'

// Timezone pickers that offer the browser's own timezone: the server cannot know it, so the
// page reads it after it loads (without JavaScript the saved or practice timezone stays).

function useBrowserTimeZone() {
  const [zone, setZone] = useState<string | null>(null)
  useEffect(() => setZone(localTimeZone()), [])
  return zone
}

/** A hidden field carrying the browser's timezone, for forms that create something dated. */
export function BrowserTimeZoneInput({ name }: { name: string }) {
  const zone = useBrowserTimeZone()
  return <input type="hidden" name={name} value={zone ?? ''} />
}

/**
 * The timezone select, with a one-click "use this browser's timezone" when it differs.
 * `preferBrowser` starts the select on the browser's timezone (a new record whose default is only UTC).
 */
export function TimeZoneField({
  label,
  field,
  zones,
  preferBrowser = false,
}: {
  label: string
  field: AnyField
  zones: string[]
  preferBrowser?: boolean
}) {
  const browser = useBrowserTimeZone()
  const wrapper = useRef<HTMLDivElement>(null)
  const [current, setCurrent] = useState<string | undefined>(field.initialValue as string | undefined)
  const choose = (zone: string) => {
    const select = wrapper.current?.querySelector('select')
    if (!select) return
    select.value = zone
    select.dispatchEvent(new Event('input', { bubbles: true }))
    select.dispatchEvent(new Event('change', { bubbles: true }))
    setCurrent(zone)
  }
  useEffect(() => {
    if (preferBrowser && browser && zones.includes(browser)) choose(browser)
    // Only once the browser's zone is known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [browser])
  const offer = browser && browser !== current && zones.includes(browser) ? browser : null
  return (
    <div ref={wrapper} onChange={(e) => setCurrent((e.target as HTMLSelectElement).value)}>
      <SelectField
        label={label}
        field={field}
        options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
      />
      {offer ? (
        <button
          type="button"
          onClick={() => choose(offer)}
          className="mt-1 text-sm font-medium text-brand-700 underline hover:text-brand-800"
        >
          Use this browser’s timezone ({offer.replaceAll('_', ' ')})
        </button>
      ) : null}
    </div>
  )
}
