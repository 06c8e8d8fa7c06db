// Long loops on the server (reading a 20,000-row import, building its batches) hand the event loop back
// now and then, so that the process keeps answering requests, /healthz among them, while they run.

/**
 * A function to await inside a long loop: it yields to the event loop (I/O, timers, other requests)
 * once `budgetMs` of work has passed since it last did, and is otherwise a resolved promise.
 */
export function breather(budgetMs = 20) {
  let since = performance.now()
  return async () => {
    if (performance.now() - since < budgetMs) return
    await new Promise<void>((resolve) => setImmediate(resolve))
    since = performance.now()
  }
}
