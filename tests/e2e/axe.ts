import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** Scans the page as it is now; fails on any serious or critical accessibility violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))
  expect(serious, `axe violations on ${page.url()}`).toEqual([])
}
