// Numbers as the app writes them, with formatters made once. `n.toLocaleString('en-US')` makes a new formatter
// whenever the last one was for another locale: a page that wrote counts (en-US) and custom-field numbers (en-GB)
// paid about 130 µs a number for it (docs/decisions/0046).

const counts = new Intl.NumberFormat('en-US')
const fieldNumbers = new Intl.NumberFormat('en-GB')

/** "12,345": a count, as the app writes counts. */
export function formatCount(value: number) {
  return counts.format(value)
}

/** "1,234.5": a number a client field holds. */
export function formatFieldNumber(value: number) {
  return fieldNumbers.format(value)
}
