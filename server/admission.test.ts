import type { AddressInfo } from 'node:net'
import express from 'express'
import { expect, test } from 'vitest'
import { admission } from './admission'

// A real HTTP server: 6 requests at once through a limit of 2, each held until the test lets it go.

test('no more than the limit of requests are handled at once, and every request is answered in turn', async () => {
  let inside = 0
  let most = 0
  const order: number[] = []
  const app = express()
  app.use(admission(2))
  app.get('/:n', async (req, res) => {
    inside++
    most = Math.max(most, inside)
    order.push(Number(req.params.n))
    await new Promise((resolve) => setTimeout(resolve, 40))
    inside--
    res.send(`done ${req.params.n}`)
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  try {
    const answers = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (n) => {
        await new Promise((resolve) => setTimeout(resolve, n * 2))
        return (await fetch(`http://127.0.0.1:${port}/${n}`)).text()
      }),
    )
    expect(answers).toEqual([0, 1, 2, 3, 4, 5].map((n) => `done ${n}`))
    expect(most).toBe(2)
    expect(order).toEqual([0, 1, 2, 3, 4, 5])
  } finally {
    server.close()
  }
})
