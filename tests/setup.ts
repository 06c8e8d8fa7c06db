import { inject } from 'vitest'

process.env.DATABASE_URL = inject('databaseUrl')
process.env.SESSION_SECRET ??= 'test-session-secret-that-is-long-enough-0123456789'
process.env.APP_URL ??= 'http://localhost:3000'
// Nothing leaves the machine from a test unless it points the SDK at a local fake.
delete process.env.RESEND_API_KEY
