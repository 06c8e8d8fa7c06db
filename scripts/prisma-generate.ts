import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { childEnv } from '~/lib/env.server'

// npm run db:generate: the Prisma client into app/generated. `generate` never runs the schema engine,
// but the CLI wants a path to one and would download it otherwise; any executable will do.

const root = path.resolve(import.meta.dirname, '..')
const anyExecutable = existsSync('/bin/true') ? '/bin/true' : process.execPath
const result = spawnSync('npx', ['prisma', 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: childEnv({ PRISMA_SCHEMA_ENGINE_BINARY: anyExecutable }),
})
process.exit(result.status ?? 1)
