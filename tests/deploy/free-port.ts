import net from 'node:net'

/** A port nobody listens on right now, found by letting the system pick one and releasing it. */
export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer().once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
