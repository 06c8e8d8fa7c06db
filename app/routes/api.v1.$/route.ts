import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { handleApiRequest } from './handle.server'

// /api/v1/*: the JSON API. A Bearer key, never a cookie; every answer JSON, every failure problem
// details (docs/api.md, docs/decisions/0035-json-api.md).

export function loader({ request, params }: LoaderFunctionArgs) {
  return handleApiRequest(request, params['*'] ?? '')
}

export function action({ request, params }: ActionFunctionArgs) {
  return handleApiRequest(request, params['*'] ?? '')
}
