// Dates as trackers and spreadsheets write them, read as a calendar day (YYYY-MM-DD).
// ISO (2026-03-24, with or without a time), US month-first (3/24/2026, 3/24/26, LinkedIn's
// "3/24/23, 4:11 PM"), "Mar 24, 2026" and "24 Mar 2026". Day-first numeric dates (24/03/2026) are
// read only when the first number cannot be a month, since 03/04/2026 would be ambiguous.

const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

/** 1 to 12 for "Mar", "March" or "Sept"; null for anything else. */
function monthNumber(name: string) {
  const word = name.toLowerCase()
  if (word === 'sept') return 9
  const index = months.findIndex((month) => month.startsWith(word))
  return word.length >= 3 && index !== -1 ? index + 1 : null
}

function fullYear(year: string) {
  const n = Number(year)
  return year.length === 2 ? 2000 + n : n
}

function calendarDay(year: number, month: number, day: number) {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1) return null // 2/30 and the like
  return date.toISOString().slice(0, 10)
}

const time = String.raw`(?:[,\s]+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?)?`
const isoPattern = new RegExp(
  String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$`,
  'i',
)
const numericPattern = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${time}$`, 'i')
const monthFirstPattern = new RegExp(String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${time}$`, 'i')
const dayFirstPattern = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})${time}$`, 'i')

/** The calendar day a cell names, or null when it is not a date this reader knows. */
export function parseImportDate(value: string): string | null {
  const text = value.trim()
  let m = isoPattern.exec(text)
  if (m) return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]))
  m = numericPattern.exec(text)
  if (m) {
    const [first, second, year] = [Number(m[1]), Number(m[2]), fullYear(m[3]!)]
    return first > 12 ? calendarDay(year, second, first) : calendarDay(year, first, second)
  }
  m = monthFirstPattern.exec(text)
  if (m) {
    const month = monthNumber(m[1]!)
    return month ? calendarDay(Number(m[3]), month, Number(m[2])) : null
  }
  m = dayFirstPattern.exec(text)
  if (m) {
    const month = monthNumber(m[2]!)
    return month ? calendarDay(Number(m[3]), month, Number(m[1])) : null
  }
  return null
}
