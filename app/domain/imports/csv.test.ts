import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { decodeText, neutralizeCell, parseCsvFile, parseDelimited, restoreCell, toCsv } from './csv'

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/imports/${name}`))

describe('reading CSV and TSV', () => {
  test('quoted fields keep their commas, doubled quotes and newlines', () => {
    const { rows } = parseCsvFile(fixture('coach-spreadsheet.csv'))
    const globex = rows.find((r) => r.cells[0] === 'Globex, Inc.')
    expect(globex?.cells[11]).toBe('$90,000')
    const hooli = rows.find((r) => r.cells[0] === 'Hooli')!
    expect(hooli.cells[12]).toBe('Met the team.\nSecond line of the note, with a "quote".')
  })

  test('blank lines are skipped but still counted, as a spreadsheet numbers its rows', () => {
    const { headers, rows } = parseCsvFile(fixture('coach-spreadsheet.csv'))
    expect(headers[0]).toBe('Company')
    expect(rows.map((r) => r.row).slice(0, 4)).toEqual([2, 3, 5, 6])
    expect(rows.every((r) => r.cells.some((c) => c.trim()))).toBe(true)
  })

  test('a tab-separated file is recognised by its header', () => {
    const table = parseCsvFile(fixture('coach-sheet.tsv'))
    expect(table.delimiter).toBe('\t')
    expect(table.headers).toEqual(['company', 'title', 'applied date', 'stage'])
    expect(table.rows.map((r) => r.cells[1])).toEqual(['Product Analyst', 'Data Analyst', 'Product Manager, Growth'])
  })

  test('a UTF-8 byte order mark is dropped', () => {
    const table = parseCsvFile(fixture('bom-utf8.csv'))
    expect(table.encoding).toBe('utf-8')
    expect(table.headers[0]).toBe('Company')
    expect(table.rows[1]!.cells[0]).toBe('Zoë Café')
  })

  test('a file that is not valid UTF-8 is read as Windows-1252', () => {
    const table = parseCsvFile(fixture('windows-1252.csv'))
    expect(table.encoding).toBe('windows-1252')
    expect(table.rows.map((r) => r.cells[0])).toEqual(['Société Générale', 'O’Reilly Media'])
  })

  test('CRLF and LF line ends read the same', () => {
    const crlf = parseDelimited('a,b\r\n1,2\r\n3,4\r\n')
    const lf = parseDelimited('a,b\n1,2\n3,4\n')
    expect(crlf.rows.map((r) => r.cells)).toEqual(lf.rows.map((r) => r.cells))
    expect(lf.rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ])
  })

  test('decodeText never fails on arbitrary bytes', () => {
    expect(decodeText(new Uint8Array([0x81, 0xff, 0x41])).text).toHaveLength(3)
  })
})

describe('writing CSV', () => {
  test('cells that a spreadsheet would run as formulas get a leading apostrophe', () => {
    for (const value of ['=SUM(A1:A2)', '+1 555 0100', '-2', '@cmd', '\tx', '\rx']) {
      expect(neutralizeCell(value)).toBe(`'${value}`)
    }
    expect(neutralizeCell('Acme')).toBe('Acme')
    expect(neutralizeCell('')).toBe('')
  })

  test('the importer strips the apostrophe again', () => {
    expect(restoreCell(neutralizeCell('=HYPERLINK("x")'))).toBe('=HYPERLINK("x")')
    expect(restoreCell("'plain")).toBe("'plain")
  })

  test('an exported table parses back to the same cells', () => {
    const rows = [
      ['Company', 'Title', 'Notes'],
      ['Globex, Inc.', '=cmd|/C calc', 'He said "hi"\nthen left'],
      ['-5 Ventures', ' padded ', '@home'],
    ]
    const text = toCsv(rows)
    expect(text).toContain(`,'=cmd|/C calc,`)
    const parsed = parseDelimited(text)
    expect([parsed.headers, ...parsed.rows.map((r) => r.cells.map(restoreCell))]).toEqual(rows)
  })
})
