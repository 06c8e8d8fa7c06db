import { openApiDocument } from './openapi.server'

// A plain reference page, rendered on the server from the OpenAPI document: no script, no CDN.

const escape = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

type Json = Record<string, unknown>

function schemaText(schema: unknown) {
  return escape(JSON.stringify(schema, null, 2))
}

export function referencePage() {
  const doc = openApiDocument()
  const info = doc.info as Json
  const paths = doc.paths as Record<string, Record<string, Json>>
  const sections = Object.entries(paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const params = (op.parameters as Json[]).filter((p) => p.in === 'query')
        const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined
        const okStatus = Object.keys(op.responses as Json)[0]!
        const ok = ((op.responses as Record<string, Json>)[okStatus]!.content as Record<string, Json>)[
          'application/json'
        ]!
        return `<section id="${escape(op.operationId)}">
<h2><code>${escape(method.toUpperCase())} /api/v1${escape(path)}</code></h2>
<p>${escape(op.summary)}</p>
<p>Scope: <code>${escape(op['x-scope'])}</code></p>
${params.length ? `<h3>Query</h3><ul>${params.map((p) => `<li><code>${escape(p.name)}</code>${p.description ? ` · ${escape(p.description)}` : ''}</li>`).join('')}</ul>` : ''}
${body ? `<details><summary>Request body</summary><pre>${schemaText(body['application/json']!.schema)}</pre></details>` : ''}
<details><summary>Response ${escape(okStatus)}</summary><pre>${schemaText(ok.schema)}</pre></details>
</section>`
      }),
    )
    .join('\n')
  const toc = Object.entries(paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) =>
          `<li><a href="#${escape(op.operationId)}">${escape(method.toUpperCase())} ${escape(path)}</a></li>`,
      ),
    )
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} reference</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;color:#0f172a;max-width:60rem;margin:0 auto;padding:1rem}
code,pre{font-family:ui-monospace,monospace;font-size:.875rem}
pre{background:#f1f5f9;padding:.75rem;overflow-x:auto;max-width:100%}
section{border-top:1px solid #cbd5e1;padding-top:.5rem;margin-top:1.5rem}
h2{font-size:1.1rem;overflow-wrap:anywhere}
a{color:#1d4ed8}
</style></head>
<body><main>
<h1>${escape(info.title)} ${escape(info.version)}</h1>
<p>${escape(info.description)}</p>
<p>The machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
<nav aria-label="Operations"><ul>${toc}</ul></nav>
${sections}
</main></body></html>`
}
