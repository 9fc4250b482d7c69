// Pages and who may open them (meta.perm, checked against /api/me; the server enforces the same).
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadMe, can, onUnauthorized, pageTitle } from './api.js'

const routes = [
  { path: '/login', component: () => import('./views/Login.vue'), meta: { public: true, title: '登录' } },
  { path: '/', redirect: () => home() },
  { path: '/overview', component: () => import('./views/Overview.vue'), meta: { perm: 'read', title: '总览' } },
  { path: '/clusters', component: () => import('./views/Clusters.vue'), meta: { perm: 'read', title: '产业集群' } },
  { path: '/results', component: () => import('./views/Results.vue'), meta: { perm: 'read', title: '评价结果' } },
  { path: '/enterprises', component: () => import('./views/Enterprises.vue'), meta: { perm: 'read', title: '企业' } },
  { path: '/enterprises/:uscc', component: () => import('./views/Enterprise.vue'), meta: { perm: 'read_own', title: '企业' } },
  { path: '/imports', component: () => import('./views/Imports.vue'), meta: { perm: 'import_data', title: '数据导入' } },
  { path: '/runs', component: () => import('./views/Runs.vue'), meta: { perm: 'read', title: '运行评价' } },
  { path: '/objections', component: () => import('./views/Objections.vue'), meta: { perm: 'read_own', title: '公示与异议' } },
  { path: '/:rest(.*)*', component: () => import('./views/NotFound.vue'), meta: { public: true, title: '未找到' } },
]

/** Landing page: the zone overview, or an enterprise's own page. */
export function home() {
  if (!session.user) return '/login'
  if (session.user.role === 'enterprise') return '/enterprises/' + encodeURIComponent(session.user.enterprise || '')
  return '/overview'
}

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (!session.checked) {
    try { await loadMe() } catch { /* server down: the page shows the error */ }
  }
  if (to.meta.public) return true
  if (!session.user) return { path: '/login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (to.meta.perm && !can(to.meta.perm)) return home()
  return true
})

router.afterEach((to) => {
  document.title = pageTitle(to.meta.title)
})

onUnauthorized(() => {
  const cur = router.currentRoute.value
  if (cur.path !== '/login') router.push({ path: '/login', query: { next: cur.fullPath } })
})
