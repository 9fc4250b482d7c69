// The API client: JSON in and out, the CSRF header on every state change, 401 → login page,
// errors as ApiError carrying the server's Chinese message ({"error":{"code","message","details"}}).
// Contract: /work/notes/api-contract.md (docs/api/openapi.yaml).
import { reactive } from 'vue'

/** The signed-in account: GET /api/me or the login response. user = null when signed out. */
export const session = reactive({ user: null, csrf: '', checked: false, zone: '' })

/** The neutral product name, used where the zone's name is not known (enterprise accounts, no data). */
export const PRODUCT = '亩均效益评价平台'

/**
 * The zone's name (session.zone) from GET /api/overview's "zone" (the bulletin's zone_name), for the
 * accounts that may read it; '' otherwise (then the pages say PRODUCT, never a hard-coded zone).
 */
export async function loadZone() {
  session.zone = ''
  if (!can('read')) return
  try { session.zone = (await api('/overview')).zone || '' } catch { session.zone = '' }
}

/** The page title: "<page> · <zone or PRODUCT>". */
export function pageTitle(page) { return `${page ? page + ' · ' : ''}${session.zone || PRODUCT}` }

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message)
    this.status = status
    this.code = code
    this.body = body
  }
}

let unauthorized = () => {}
/** Called on any 401 (expired session): the router sends the user to the login page. */
export function onUnauthorized(fn) { unauthorized = fn }

const isBinary = (b) => b instanceof Blob || b instanceof ArrayBuffer || ArrayBuffer.isView(b)

/**
 * Calls /api{path}. `body`: a plain object (sent as JSON) or bytes (File/Blob/ArrayBuffer, sent as
 * application/octet-stream). Returns the parsed JSON (null for 204). Throws ApiError.
 */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' }
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = session.csrf
  let payload
  if (body !== undefined) {
    if (isBinary(body)) { headers['Content-Type'] = 'application/octet-stream'; payload = body }
    else { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body) }
  }
  let res
  try {
    res = await fetch('/api' + path, { method, headers, body: payload, credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, 'network', '无法连接服务器 / cannot reach the server', null)
  }
  if (res.status === 204) return null
  const type = res.headers.get('content-type') || ''
  let data = null
  if (type.includes('json')) {
    try { data = await res.json() } catch { data = null }
  }
  if (!res.ok) {
    const err = data && data.error ? data.error : {}
    const e = new ApiError(res.status, err.code || String(res.status),
      err.message || `请求失败 / request failed (HTTP ${res.status})`, data)
    if (res.status === 401 && path !== '/login') {
      session.user = null
      unauthorized()
    }
    throw e
  }
  return data
}

/** Query string of the non-empty entries of `params` ("" when none), keys in the given order. */
export function qs(params) {
  const u = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') u.append(k, String(v))
  }
  const s = u.toString()
  return s ? '?' + s : ''
}

/** Loads the session from GET /api/me; false when not signed in. */
export async function loadMe() {
  try {
    const me = await api('/me')
    session.user = me
    session.csrf = me.csrf || ''
    return true
  } catch (e) {
    session.user = null
    if (e.status === 401) return false
    throw e
  } finally {
    session.checked = true
  }
}

// Role → permissions, as in src/server/http.h (used when /api/me does not list them).
const ROLE_PERMS = {
  admin: ['read', 'read_own', 'export_data', 'import_data', 'evaluate', 'publish', 'resolve', 'object', 'admin'],
  analyst: ['read', 'read_own', 'export_data', 'import_data', 'evaluate', 'publish', 'resolve'],
  viewer: ['read', 'read_own', 'export_data'],
  enterprise: ['read_own', 'export_data', 'object'],
}

/** Whether the signed-in account has permission `p` (read, read_own, export_data, import_data, …). */
export function can(p) {
  const u = session.user
  if (!u) return false
  if (Array.isArray(u.permissions) && u.permissions.length) return u.permissions.includes(p)
  const perms = ROLE_PERMS[u.role] || []
  if (p === 'export_data' && !u.can_export && u.role !== 'admin') return false
  return perms.includes(p)
}

export const isEnterprise = () => session.user?.role === 'enterprise'
