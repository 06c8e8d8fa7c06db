import { hash, verify } from '@node-rs/argon2'
import { z } from 'zod'

// Argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 as const }

/** 8 to 256 characters, no composition rules, never truncated. */
export const PasswordSchema = z
  .string({ error: 'Enter a password' })
  .min(8, 'Use at least 8 characters')
  .max(256, 'Use at most 256 characters')

export function hashPassword(password: string) {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verified against when an email has no account, so an unknown email costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined
export function dummyPasswordHash() {
  dummyHash ??= hashPassword('not-a-real-password-used-only-to-spend-time')
  return dummyHash
}
