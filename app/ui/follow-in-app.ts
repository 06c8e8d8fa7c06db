import { useNavigate } from '@remix-run/react'
import type { MouseEvent } from 'react'

/**
 * A click handler for an element whose links are plain anchors (a table's cells, the practice's menu): a plain click
 * on a link of this app navigates inside the app, as a router link would; a modified click (new tab, download) and
 * other sites' links are left to the browser. A router link renders about ten times the work of an anchor on the
 * server (BENCHMARKS.md); one handler serves all of an element's links.
 */
export function useFollowInApp() {
  const navigate = useNavigate()
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const link = (event.target as Element).closest('a')
    if (!link || !event.currentTarget.contains(link) || link.target || link.hasAttribute('download')) return
    const url = new URL(link.href, window.location.href)
    if (url.origin !== window.location.origin) return
    event.preventDefault()
    navigate(url.pathname + url.search + url.hash)
  }
}
