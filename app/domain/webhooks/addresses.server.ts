import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { InputError } from '~/lib/input-error'

// Where a webhook may go (docs/decisions/0038-webhooks.md). Only http and https; in production never to a
// private, loopback, link-local or otherwise special address, checked both when the address is saved (for a
// kind message) and on every connection (a name may resolve elsewhere by then), so DNS cannot be used to
// reach the machine or its network.

const special = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  special.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  special.addSubnet(net, prefix, 'ipv6')

/** True for loopback, private, link-local, shared, documentation, multicast and reserved addresses. */
export function isSpecialAddress(address: string) {
  const bare = address.replace(/^\[|\]$/g, '')
  const family = isIP(bare)
  if (family === 4) return special.check(bare, 'ipv4')
  if (family !== 6) return false
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  if (mapped) return special.check(mapped[1]!, 'ipv4')
  // ::ffff:7f00:1 is 127.0.0.1 written in hex.
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare)
  if (hexMapped) {
    const n = (parseInt(hexMapped[1]!, 16) << 16) | parseInt(hexMapped[2]!, 16)
    return special.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4')
  }
  return special.check(bare, 'ipv6')
}

const localNames = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i

/** The address as a URL, or an InputError on `url` saying kindly why it cannot receive events. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean) {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new InputError('url', 'Enter a full address, such as https://example.com/hooks/rebound')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError('url', 'Use an address that starts with https:// (or http://)')
  if (url.username || url.password)
    throw new InputError('url', 'Leave the user name and password out of the address; events are signed instead')
  if (!url.hostname) throw new InputError('url', 'Enter a full address, such as https://example.com/hooks/rebound')
  if (
    !allowPrivate &&
    (localNames.test(url.hostname) ||
      isSpecialAddress(url.hostname) ||
      !(url.hostname.includes('.') || url.hostname.startsWith('[')))
  )
    throw new InputError('url', 'Use a public address: events are never sent to private or local networks')
  return url
}

export class ForbiddenAddressError extends Error {
  override name = 'ForbiddenAddressError'
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * A `lookup` for node:http that refuses names resolving to a special address (all of them are checked:
 * one private answer among public ones is refused too).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const list = addresses as LookupAddress[]
      if (!allowPrivate && list.some((a) => isSpecialAddress(a.address)))
        return callback(new ForbiddenAddressError(`${hostname} resolves to a private address`), [])
      if (options.all) return callback(null, list)
      const first = list[0]
      if (!first) return callback(new Error(`${hostname} has no address`), [])
      callback(null, first.address, first.family)
    })
  }
}
