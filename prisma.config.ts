import { defineConfig } from 'prisma/config'

// The URL is optional here: `prisma generate` needs none, and migrations run through
// scripts/migrate.ts (see docs/decisions/0001-offline-migrations.md).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
})
