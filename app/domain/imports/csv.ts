import Papa from 'papaparse'
import { cleanText } from '~/lib/request-input'

// Reading and writing CSV and TSV files. No database here: the importer, the export and tests use it.
// Parsing is Papa Parse (RFC 4180: quoted fields with delimiters, doubled quotes and newlines inside);
// this module decides the text encoding and the delimiter, and keeps each record's row number.

export type ParsedTable = {
  /** The first non-blank record, as written. */
  headers: string[]
  /** Data records, blank ones left out. */
  rows: ParsedRow[]
  delimiter: ',' | '\t' | ';'
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'
}
export type ParsedRow = {
  /** The row as a spreadsheet numbers it: the header is row 1, blank rows count. */
  row: number
  cells: string[]
}

/**
 * Bytes to text: UTF-16 when the file starts with its byte-order mark (Excel's "Unicode text"),
 * UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else Windows-1252, which is what Excel on
 * Windows writes as "CSV". Every byte sequence is valid Windows-1252, so this never fails. NUL and
 * other control characters are dropped (tabs and line breaks kept): no cell holds them on purpose,
 * and PostgreSQL cannot store NUL.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: ParsedTable['encoding'] } {
  const { text, encoding } = decodeBytes(bytes)
  return { text: cleanText(text), encoding }
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: ParsedTable['encoding'] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' }
  }
}

// Windows-1252 is Latin-1 except for 0x80-0x9F, which hold curly quotes, dashes, € and the like.
// Node 20's TextDecoder('windows-1252') decodes those bytes as Latin-1 control characters, so the
// range is mapped here (undefined bytes stay as they are, as the WHATWG Encoding standard says).
const cp1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

function decodeWindows1252(bytes: Uint8Array) {
  let text = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192)
    text += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? cp1252High.charCodeAt(b - 0x80) : b)),
    )
  }
  return text
}

const delimiters = [',', '\t', ';'] as const

/**
 * The delimiter the header line uses most (outside quotes); a comma when it has none. The header line is
 * the line among the first ten that are not blank with the most delimiters, so that a title line above
 * the table does not decide.
 */
export function detectDelimiter(text: string): ParsedTable['delimiter'] {
  let best: ParsedTable['delimiter'] = ','
  let bestCount = 0
  for (const line of firstLines(text)) {
    for (const delimiter of delimiters) {
      let count = 0
      let quoted = false
      for (const char of line) {
        if (char === '"') quoted = !quoted
        else if (char === delimiter && !quoted) count++
      }
      if (count > bestCount) [best, bestCount] = [delimiter, count]
    }
  }
  return best
}

function firstLines(text: string) {
  return text
    .split(/\r\n|\n|\r/, 200)
    .filter((line) => line.trim())
    .slice(0, 10)
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '')
const filled = (cells: string[]) => cells.filter((cell) => cell.trim() !== '').length

/**
 * The header record: the first one, among the first few that are not blank, that fills at least 60% as
 * many cells as the fullest of them. A spreadsheet template's title above the table ("Job Search
 * Tracker 2026" across merged cells) and the leftovers of merged group headings ("Application",
 * "Interviews" over several columns) fill one or two cells and are passed over. -1 for no record.
 */
export function headerIndexOf(records: string[][]) {
  const first = records.flatMap((cells, index) => (isBlank(cells) ? [] : [index])).slice(0, 10)
  if (!first.length) return -1
  const fullest = Math.max(...first.map((index) => filled(records[index]!)))
  return first.find((index) => filled(records[index]!) >= Math.max(2, fullest * 0.6)) ?? first[0]!
}

/** Parses CSV or TSV text (the delimiter is detected). Blank records are skipped but still numbered. */
export function parseDelimited(text: string): Omit<ParsedTable, 'encoding'> {
  const { source, delimiter } = prepared(text)
  const records = Papa.parse<string[]>(source, { delimiter, newline: '\n', header: false, skipEmptyLines: false }).data
  return tableOf(records, delimiter)
}

/**
 * The same, a slice of the text at a time with the event loop handed back between slices: a job reading
 * a 20,000-row file keeps its server answering meanwhile.
 */
export async function parseDelimitedInSlices(text: string): Promise<Omit<ParsedTable, 'encoding'>> {
  const { source, delimiter } = prepared(text)
  const records = await new Promise<string[][]>((resolve, reject) => {
    const all: string[][] = []
    Papa.parse<string[]>(source, {
      delimiter,
      newline: '\n',
      header: false,
      skipEmptyLines: false,
      chunkSize: 64 * 1024,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        for (const record of results.data) all.push(record)
        parser.pause()
        setImmediate(() => parser.resume())
      },
      complete: () => resolve(all),
      error: reject,
    })
  })
  return tableOf(records, delimiter)
}

function prepared(text: string) {
  // One line end throughout (files edited in several tools mix CRLF and LF); a line break inside a
  // quoted cell becomes LF too.
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n')
  return { source, delimiter: detectDelimiter(source) }
}

function tableOf(records: string[][], delimiter: ParsedTable['delimiter']): Omit<ParsedTable, 'encoding'> {
  let index = headerIndexOf(records)
  if (index === -1) return { headers: [], rows: [], delimiter }
  const headers = records[index]!.map((cell) => cell.trim())
  const rows: ParsedRow[] = []
  for (index += 1; index < records.length; index++) {
    const cells = records[index]!
    if (!isBlank(cells)) rows.push({ row: index + 1, cells })
  }
  return { headers, rows, delimiter }
}

/**
 * The same text without the columns whose header `drop` picks, every record where it was (so row
 * numbers stay those of the spreadsheet). Returns the text unchanged when no column is dropped.
 */
export function withoutColumns(text: string, drop: (header: string) => boolean) {
  const { source, delimiter } = prepared(text)
  const records = Papa.parse<string[]>(source, { delimiter, newline: '\n', header: false, skipEmptyLines: false }).data
  const headerIndex = headerIndexOf(records)
  if (headerIndex === -1) return text
  const dropped = new Set(records[headerIndex]!.flatMap((header, i) => (drop(header.trim()) ? [i] : [])))
  if (!dropped.size) return text
  const kept = records.map((cells) => (isBlank(cells) ? [''] : cells.filter((_, i) => !dropped.has(i))))
  return Papa.unparse(kept, { delimiter, newline: '\n', quotes: false })
}

/** Decodes and parses an uploaded file. */
export function parseCsvFile(bytes: Uint8Array): ParsedTable {
  const { text, encoding } = decodeText(bytes)
  return { ...parseDelimited(text), encoding }
}

const formulaStart = /^[=+\-@\t\r]/

/**
 * A cell that a spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return)
 * gets a leading apostrophe, which spreadsheets show as plain text (OWASP "CSV injection").
 * The importer strips that apostrophe again (see restoreCell), so an export re-imports to the same rows.
 */
export function neutralizeCell(value: string) {
  return formulaStart.test(value) ? `'${value}` : value
}

/** Undoes neutralizeCell: an apostrophe followed by a formula character is dropped. */
export function restoreCell(value: string) {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value
}

function quoteCell(value: string) {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * Rows to CSV text (RFC 4180, CRLF line ends, every cell neutralised against formulas).
 * Prefix a UTF-8 BOM ('\uFEFF') when the file is meant for Excel.
 */
export function toCsv(rows: string[][]) {
  return rows.map((cells) => cells.map((cell) => quoteCell(neutralizeCell(cell))).join(',')).join('\r\n') + '\r\n'
}
