// The small markdown that task instructions use, read into plain data that React renders: paragraphs,
// bulleted ("- " or "* ") and numbered ("1. ") lists, **bold**, and [links](https://…) to http and
// https addresses only. Nothing here produces HTML, so nothing a coach types can become markup; what
// does not parse stays as the text that was written. See docs/decisions/0022-small-markdown.md.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'break' }

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'bullets'; items: Inline[][] }
  | { kind: 'numbered'; start: number; items: Inline[][] }

const bullet = /^\s*[-*]\s+(.*)$/
const numbered = /^\s*(\d{1,4})[.)]\s+(.*)$/
// Bold, or a link whose address is http(s) with no spaces or parentheses; anything else is text.
const inlinePattern = /\*\*([^*\n]+?)\*\*|\[([^\]\n]{1,500})\]\((https?:\/\/[^\s()<>]{1,2000})\)/g

/** A line of text with its bold and links picked out. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = []
  let last = 0
  for (const match of line.matchAll(inlinePattern)) {
    const at = match.index
    if (at > last) out.push({ kind: 'text', text: line.slice(last, at) })
    if (match[1] !== undefined) out.push({ kind: 'bold', text: match[1] })
    else if (isWebAddress(match[3]!)) out.push({ kind: 'link', text: match[2]!, href: match[3]! })
    else out.push({ kind: 'text', text: match[0] })
    last = at + match[0].length
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) })
  return out
}

function isWebAddress(value: string) {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** Task instructions as blocks, at most 10,000 characters of them (the most a task holds). */
export function parseSmallMarkdown(source: string): Block[] {
  const lines = source.slice(0, 10_000).replace(/\r\n?/g, '\n').split('\n')
  const blocks: Block[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length === 0) return
    const content: Inline[] = []
    paragraph.forEach((line, i) => {
      if (i > 0) content.push({ kind: 'break' })
      content.push(...parseInline(line))
    })
    blocks.push({ kind: 'paragraph', content })
    paragraph = []
  }
  for (const line of lines) {
    const b = bullet.exec(line)
    const n = b ? null : numbered.exec(line)
    if (b || n) {
      flush()
      const kind = b ? 'bullets' : 'numbered'
      const text = b ? b[1]! : n![2]!
      const previous = blocks.at(-1)
      if (previous?.kind === kind) previous.items.push(parseInline(text))
      else if (kind === 'bullets') blocks.push({ kind, items: [parseInline(text)] })
      else blocks.push({ kind, start: Number(n![1]), items: [parseInline(text)] })
    } else if (line.trim() === '') {
      flush()
      // A blank line ends a list too: the next list item starts a new list.
      if (blocks.at(-1)?.kind !== 'paragraph') blocks.push({ kind: 'paragraph', content: [] })
    } else {
      paragraph.push(line)
    }
  }
  flush()
  return blocks.filter((b) => b.kind !== 'paragraph' || b.content.length > 0)
}
