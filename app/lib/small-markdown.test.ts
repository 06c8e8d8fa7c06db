import { describe, expect, test } from 'vitest'
import { parseInline, parseSmallMarkdown } from './small-markdown'

describe('the small markdown of task instructions', () => {
  test('bullets and numbered lines become lists, and a blank line separates paragraphs', () => {
    const blocks = parseSmallMarkdown(
      'Before the call:\n\n- Read the posting\n- Pick **three** stories\n\n1. Send it\n2. Log it\n\nGood luck',
    )
    expect(blocks).toEqual([
      { kind: 'paragraph', content: [{ kind: 'text', text: 'Before the call:' }] },
      {
        kind: 'bullets',
        items: [
          [{ kind: 'text', text: 'Read the posting' }],
          [
            { kind: 'text', text: 'Pick ' },
            { kind: 'bold', text: 'three' },
            { kind: 'text', text: ' stories' },
          ],
        ],
      },
      { kind: 'numbered', start: 1, items: [[{ kind: 'text', text: 'Send it' }], [{ kind: 'text', text: 'Log it' }]] },
      { kind: 'paragraph', content: [{ kind: 'text', text: 'Good luck' }] },
    ])
  })

  test('lines of one paragraph keep their line breaks', () => {
    expect(parseSmallMarkdown('Best regards,\n[Your name]')).toEqual([
      {
        kind: 'paragraph',
        content: [{ kind: 'text', text: 'Best regards,' }, { kind: 'break' }, { kind: 'text', text: '[Your name]' }],
      },
    ])
  })

  test('links go to http and https addresses only; anything else stays as written', () => {
    expect(parseInline('See [the guide](https://example.com/guide).')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'the guide', href: 'https://example.com/guide' },
      { kind: 'text', text: '.' },
    ])
    for (const hostile of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '[x](vbscript:msgbox)',
      '[x](//evil.example)',
      '[x](https://)',
    ]) {
      const parts = parseInline(hostile)
      expect(
        parts.every((p) => p.kind === 'text'),
        hostile,
      ).toBe(true)
      expect(parts.map((p) => ('text' in p ? p.text : '')).join('')).toBe(hostile)
    }
  })

  test('markup is only ever text', () => {
    const parts = parseSmallMarkdown('<script>alert(1)</script> **<img src=x onerror=alert(1)>**')
    expect(JSON.stringify(parts)).not.toContain('"kind":"link"')
    expect(parts[0]).toEqual({
      kind: 'paragraph',
      content: [
        { kind: 'text', text: '<script>alert(1)</script> ' },
        { kind: 'bold', text: '<img src=x onerror=alert(1)>' },
      ],
    })
  })

  test('a very long or odd input is read quickly and never throws', () => {
    const started = Date.now()
    for (const input of [
      '*'.repeat(50_000),
      '['.repeat(20_000) + '](https://x',
      '- \n'.repeat(5_000),
      '\u0000\r\n\r\n',
    ]) {
      expect(() => parseSmallMarkdown(input)).not.toThrow()
    }
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  test('the default templates read as lists', () => {
    const blocks = parseSmallMarkdown('Intro\n\n1. First\n2. Second')
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'numbered'])
  })
})
