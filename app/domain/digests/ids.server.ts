import { randomBytes } from 'node:crypto'

// Ids for rows inserted by raw SQL, shaped like Prisma's cuids (a 'c' and 24 base-36 characters).
// A digest's OutboundEmail row takes the id of its DigestDelivery, which links the two.

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'
export function newDeliveryId() {
  let id = 'c'
  for (const byte of randomBytes(24)) id += alphabet[byte % alphabet.length]
  return id
}
