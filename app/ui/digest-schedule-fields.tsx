import { weekdayNames } from '~/domain/digests/digest-forms'
import { SelectField, type AnyField } from './form'

// The weekly digest's day and hour, as the practice settings and the digests page both ask for them.

/** An hour of the day as the schedule shows it: 07:00. */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`

const dayChoices = weekdayNames.map((d, i) => ({ value: String(i + 1), label: d }))
const hourChoices = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: hourLabel(h) }))

export function DigestScheduleFields({ day, hour }: { day: AnyField; hour: AnyField }) {
  return (
    <>
      <SelectField label="Day" field={day} options={dayChoices} />
      <SelectField label="Hour (practice time)" field={hour} options={hourChoices} />
    </>
  )
}
