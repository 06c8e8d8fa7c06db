import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'

// A software passkey authenticator for domain tests: it answers @simplewebauthn's registration and
// authentication options the way a platform authenticator does ("none" attestation, ES256), so the
// real library checks real signatures. The browser's part (clientDataJSON) is written here too.

// The little CBOR the attestation object needs: unsigned and negative integers, byte and text strings, maps.
function head(major: number, n: number) {
  if (n < 24) return Buffer.from([(major << 5) | n])
  if (n < 256) return Buffer.from([(major << 5) | 24, n])
  if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255])
  const b = Buffer.alloc(5)
  b[0] = (major << 5) | 26
  b.writeUInt32BE(n, 1)
  return b
}
function cbor(value: number | string | Uint8Array | Map<number | string, unknown>): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value)
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)])
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)])
  const parts: Buffer[] = [head(5, value.size)]
  for (const [k, v] of value) parts.push(cbor(k), cbor(v as never))
  return Buffer.concat(parts)
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest()

export type SoftwarePasskey = {
  credentialId: Buffer
  privateKey: KeyObject
  userHandle: string
  counter: number
}

export class SoftwareAuthenticator {
  readonly passkeys: SoftwarePasskey[] = []
  constructor(
    private readonly origin: string,
    private readonly options: { userVerified?: boolean; countsSignatures?: boolean } = {},
  ) {}

  private flags(extra = 0) {
    return 0x01 | (this.options.userVerified === false ? 0 : 0x04) | extra
  }

  private clientData(type: string, challenge: string, origin = this.origin) {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
  }

  /** navigator.credentials.create(): a new ES256 passkey, answered with "none" attestation. */
  register(options: { challenge: string; rp: { id?: string }; user: { id: string } }, origin?: string) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const jwk = publicKey.export({ format: 'jwk' })
    const coseKey = cbor(
      new Map<number, unknown>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    )
    const credentialId = randomBytes(16)
    const counter = this.options.countsSignatures === false ? 0 : 1
    const authData = Buffer.concat([
      sha256(options.rp.id!),
      Buffer.from([this.flags(0x40)]),
      u32(counter),
      Buffer.alloc(16),
      Buffer.from([0, credentialId.length]),
      credentialId,
      coseKey,
    ])
    const attestationObject = cbor(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    )
    this.passkeys.push({ credentialId, privateKey, userHandle: options.user.id, counter })
    return {
      id: b64url(credentialId),
      rawId: b64url(credentialId),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, origin)),
        attestationObject: b64url(attestationObject),
        transports: ['internal' as const],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    }
  }

  /** navigator.credentials.get(): signs the challenge with a passkey (the first one allowed, or `passkey`). */
  authenticate(
    options: { challenge: string; rpId?: string; allowCredentials?: { id: string }[] },
    passkey?: SoftwarePasskey,
    tweak: { counter?: number } = {},
  ) {
    const allowed = options.allowCredentials?.map((c) => c.id) ?? []
    const chosen =
      passkey ?? this.passkeys.find((p) => allowed.length === 0 || allowed.includes(b64url(p.credentialId)))
    if (!chosen) throw new Error('NotAllowedError: no passkey for these options')
    if (this.options.countsSignatures !== false) chosen.counter += 1
    const counter = tweak.counter ?? (this.options.countsSignatures === false ? 0 : chosen.counter)
    const authData = Buffer.concat([sha256(options.rpId!), Buffer.from([this.flags()]), u32(counter)])
    const clientDataJSON = this.clientData('webauthn.get', options.challenge)
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), chosen.privateKey)
    return {
      id: b64url(chosen.credentialId),
      rawId: b64url(chosen.credentialId),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: chosen.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform' as const,
    }
  }
}

function u32(n: number) {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}
