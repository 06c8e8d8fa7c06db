import { PassThrough, type Readable } from 'node:stream'
import { createElement } from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { expect, test } from 'vitest'
import { dropNulBytes, wholeDocument, withoutNulBytes } from './html-stream.server'

// Many small chunks, then a sort arrow (3 bytes in UTF-8): one of three paddings puts the arrow
// across React's 2 KB encoding buffer.
const page = (padding: number) =>
  createElement(
    'p',
    null,
    ...Array.from({ length: 224 }, (_, i) => createElement('i', { key: i }, 'ab')),
    createElement('b', null, 'x'.repeat(padding)),
    createElement('span', null, '▲ sorted'),
  )

async function renderAll(through: () => PassThrough) {
  return Promise.all([13, 14, 15, 16].map((padding) => render(padding, through())))
}

function render(padding: number, through: PassThrough) {
  return new Promise<Buffer>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page(padding), {
      onAllReady() {
        const chunks: Buffer[] = []
        ;(through as Readable).on('data', (c: Buffer) => chunks.push(c))
        through.on('end', () => resolve(Buffer.concat(chunks)))
        pipe(through)
      },
      onError: reject,
    })
  })
}

test('React’s own stream puts NUL bytes before a character that straddles its buffer', async () => {
  const pages = await renderAll(() => new PassThrough())
  expect(pages.some((html) => html.includes(0))).toBe(true)
})

test('through withoutNulBytes the page has no NUL byte and every character intact', async () => {
  for (const html of await renderAll(() => withoutNulBytes() as unknown as PassThrough)) {
    expect(html.includes(0)).toBe(false)
    expect(html.toString('utf8')).toContain('<span>▲ sorted</span>')
  }
})

test('gathering writes gives the same page in a few large chunks', async () => {
  const counted: number[] = []
  const gathered = await renderAll(() => {
    const stream = withoutNulBytes({ coalesceBytes: 32 * 1024 })
    let chunks = 0
    stream.on('data', () => chunks++)
    stream.on('end', () => counted.push(chunks))
    return stream as unknown as PassThrough
  })
  const plain = await renderAll(() => withoutNulBytes() as unknown as PassThrough)
  expect(gathered.map((html) => html.toString('utf8'))).toEqual(plain.map((html) => html.toString('utf8')))
  // React writes each page here in several 2 KB buffers; gathered, one chunk carries it.
  expect(counted).toEqual([1, 1, 1, 1])
})

test('the whole document sink gives the page in one buffer, without NUL bytes and with every character intact', async () => {
  for (const padding of [13, 14, 15, 16]) {
    const html = await new Promise<Uint8Array>((resolve, reject) => {
      const { pipe } = renderToPipeableStream(page(padding), {
        onAllReady: () => pipe(wholeDocument(resolve)),
        onError: reject,
      })
    })
    expect(html.includes(0)).toBe(false)
    expect(Buffer.from(html).toString('utf8')).toContain('<span>▲ sorted</span>')
    expect(Buffer.from(html).toString('utf8')).toMatch(/^<p>(<i>ab<\/i>){224}<b>x+<\/b><span>▲ sorted<\/span><\/p>$/)
  }
})

test('dropNulBytes keeps every other byte in order, and a buffer without zero bytes as it is', () => {
  const clean = Buffer.from('no zero bytes here ▲')
  expect(dropNulBytes(clean)).toBe(clean)
  for (const bytes of [[0], [0, 0, 1], [1, 0, 2, 0, 0, 3, 0], [255, 0, 0, 254], [7, 8, 0]]) {
    expect([...dropNulBytes(Buffer.from(bytes))]).toEqual(bytes.filter((b) => b !== 0))
  }
  const page = Buffer.from(`${'é'.repeat(3000)}\u0000▲\u0000${'a'.repeat(5000)}\u0000`)
  expect(dropNulBytes(page).toString('utf8')).toBe(`${'é'.repeat(3000)}▲${'a'.repeat(5000)}`)
})
