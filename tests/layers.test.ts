import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

// The tree shows the layers (docs/ARCHITECTURE.md): routes and jobs → auth guards → domain → tenancy →
// lib. A module imports only its own layer or those below it, and no two modules import each other,
// directly or around a longer loop.

const root = path.resolve(import.meta.dirname, '..')

/** Higher numbers sit higher; a module may import its own rank or lower. */
function rankOf(file: string) {
  if (file.startsWith('app/generated/')) return 0
  if (file === 'app/jobs/queue.server.ts') return 1 // how the domain asks for work: no handler behind it
  if (file.startsWith('app/lib/') || file.startsWith('emails/')) return 1
  if (file.startsWith('app/tenancy/')) return 2
  if (file.startsWith('app/domain/')) return 3
  if (file.startsWith('app/auth/')) return 4
  if (file.startsWith('app/ui/')) return 5
  if (file.startsWith('app/jobs/')) return 6
  if (file.startsWith('app/routes/') || /^app\/(root|entry\.server|entry\.client|routes)\.tsx?$/.test(file)) return 6
  return null
}

const layerNames = ['generated', 'lib', 'tenancy', 'domain', 'auth', 'ui', 'routes and jobs']

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name)
    if (statSync(path.join(root, rel)).isDirectory()) return name === 'generated' ? [] : sourceFiles(rel)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : []
  })
}

function resolveImport(from: string, spec: string) {
  const base = spec.startsWith('~/')
    ? path.join('app', spec.slice(2))
    : spec.startsWith('.')
      ? path.join(path.dirname(from), spec)
      : null
  if (!base) return null
  for (const ext of ['', '.ts', '.tsx', '/index.ts']) {
    const candidate = path.normalize(base + ext)
    try {
      if (statSync(path.join(root, candidate)).isFile()) return candidate
    } catch {
      // try the next extension
    }
  }
  return null
}

/** Imports that exist at run time (type-only imports vanish in the build). */
function importsOf(file: string) {
  const text = readFileSync(path.join(root, file), 'utf8')
  const specs = [
    ...text.matchAll(/^(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!)
  return specs.map((spec) => resolveImport(file, spec)).filter((target): target is string => target !== null)
}

const files = [...sourceFiles('app'), ...sourceFiles('emails')]
const graph = new Map(files.map((file) => [file, importsOf(file)]))

describe('the layers', () => {
  test('every module imports only its own layer or the layers below it', () => {
    const upward: string[] = []
    for (const [file, targets] of graph) {
      const rank = rankOf(file)
      if (rank === null) continue
      for (const target of targets) {
        const targetRank = rankOf(target)
        if (targetRank !== null && targetRank > rank)
          upward.push(`${file} (${layerNames[rank]}) imports ${target} (${layerNames[targetRank]})`)
      }
    }
    expect(upward).toEqual([])
  })

  test('no import cycle', () => {
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const stack: string[] = []
    const visit = (file: string) => {
      state.set(file, 'visiting')
      stack.push(file)
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'visiting') cycles.push([...stack.slice(stack.indexOf(target)), target].join(' → '))
        else if (!state.has(target)) visit(target)
      }
      stack.pop()
      state.set(file, 'done')
    }
    for (const file of graph.keys()) if (!state.has(file)) visit(file)
    expect(cycles).toEqual([])
  })
})
