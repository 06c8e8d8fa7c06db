// The benchmark's practice and owner, shared by scripts/bench-seed.ts and scripts/bench.ts.
export const benchOwner = { email: 'bench-owner@bench.test', password: 'rebound-bench-owner' }
export const benchSlug = 'bench'
export const benchDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/rebound_bench'
