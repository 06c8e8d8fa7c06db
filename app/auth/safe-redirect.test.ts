import { describe, expect, test } from 'vitest'
import { safeRedirect } from './safe-redirect'

describe('safeRedirect', () => {
  test('keeps a path on this site, with its query and fragment', () => {
    expect(safeRedirect('/orgs/x/clients?sort=name#top')).toBe('/orgs/x/clients?sort=name#top')
  })

  test('answers the normalised path, so what was checked is what the browser follows', () => {
    expect(safeRedirect('/orgs/x/../y/clients')).toBe('/orgs/y/clients')
  })

  test('refuses every target a browser would take off this site, even after dot segments', () => {
    for (const to of [
      '/a/../\\evil.test',
      '/a/..//evil.test',
      '/./\\evil.test',
      '/%2e%2e/\\evil.test',
      '/\\evil.test',
      '//evil.test',
      '/\t/evil.test',
      'https://evil.test/',
      'javascript:alert(1)',
      '/a/%2e%2e//evil.test',
    ]) {
      const target = safeRedirect(to)
      expect(target, to).toBe('/orgs')
    }
  })
})
