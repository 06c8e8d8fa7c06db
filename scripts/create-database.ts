import pg from 'pg'

// npx tsx scripts/create-database.ts postgresql://user@host:5432/name
// Drops and creates that database (used by CI for a clean test database on the machine's server).
const target = process.argv[2]
if (!target) {
  console.error('Usage: tsx scripts/create-database.ts postgresql://user@host:port/database')
  process.exit(2)
}
const url = new URL(target)
const name = decodeURIComponent(url.pathname.slice(1))
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Refusing an unusual database name: ${name}`)
url.pathname = '/postgres'
const client = new pg.Client({ connectionString: url.toString() })
await client.connect()
await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
await client.query(`CREATE DATABASE "${name}"`)
await client.end()
console.log(`Created a clean database ${name}`)
