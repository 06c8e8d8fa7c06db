import type PgBoss from 'pg-boss'
import { afterEach, describe, expect, test, vi } from 'vitest'
import type * as queueModule from './queue.server'
import { enqueue, runningQueue, setRunningQueue } from './queue.server'

describe('the job queue', () => {
  afterEach(() => setRunningQueue(null))

  test('every copy of the module in a process reaches the queue the runner started', async () => {
    const sent: unknown[][] = []
    const boss = {
      send: async (...args: unknown[]) => {
        sent.push(args)
        return 'job-1'
      },
    } as unknown as PgBoss
    setRunningQueue(boss)
    vi.resetModules()
    // A second copy, as the Remix build or a dev-server reload loads beside the first.
    const path = './queue.server?copy'
    const copy = (await import(/* @vite-ignore */ path)) as typeof queueModule
    expect(copy.runningQueue()).toBe(boss)
    await copy.requestInsightsRefresh('practice-1')
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0]![0]).toBe('refresh-insights')
  })

  test('queueing is a no-op when this process runs no jobs', async () => {
    expect(runningQueue()).toBeNull()
    expect(await enqueue('refresh-insights', { organizationId: 'practice-1' })).toBeNull()
  })
})
