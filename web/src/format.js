// Display helpers: numbers with their decimals, class (档次) names and colours, role and source names.

/** 1234567.8 → "1,234,567.80" with `d` decimals; missing → "—" (missing is not zero). */
export function num(v, d = 2) {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '—'
  return Number(v).toLocaleString('zh-CN', { minimumFractionDigits: d, maximumFractionDigits: d })
}

/** An indicator value: ratios (unit 比例 / fraction, e.g. rd_intensity 0.0331) with 4 decimals, others with 2. */
export function smart(v, unit = '') {
  if (v === null || v === undefined || v === '' || Number.isNaN(Number(v))) return '—'
  return num(v, /比例|fraction/.test(unit || '') ? 4 : 2)
}

/** A figure of /api/overview with its own decimals (falls back to 2). */
export function fig(f) {
  if (!f) return '—'
  const d = f.decimals ?? (f.unit === '家' ? 0 : f.unit === '%' ? 1 : 2)
  return num(f.value, d)
}

export const CLASS_LABEL = { A: 'A 优先发展', B: 'B 鼓励提升', C: 'C 监管调控', D: 'D 落后整治', T: 'T 只评价不分档' }
export const CLASS_COLOR = { A: '#2f7d32', B: '#1f5fa8', C: '#c77700', D: '#b3261e', T: '#6b7280' }
export const ROLE_LABEL = { admin: '管理员', analyst: '分析员', viewer: '查看者', enterprise: '企业' }
export const SOURCES = [
  ['', '自动识别 / auto'], ['statistics', '统计局 statistics'], ['tax', '税务局 tax'], ['land', '自然资源局 land'],
  ['energy', '供电公司 energy'], ['emissions', '生态环境局 emissions'], ['certificates', '科技局 certificates'],
  ['registry', '企业名录 registry'], ['support', '政策支持 support'],
]
/** How a firm's class was decided (the run's class_rule, src/evaluation/classify.h). */
export const CLASS_RULE = {
  none: '未参评', quota: '按名次比例分档', quota_tie: '与前一名同分，同档', quota_floor: 'A 档名次但低于 A 档最低分，列 B 档',
  threshold: '按分数线分档', special: '只评价不分档（T）', veto: '一票否决',
}
export const PUB_STATUS = { open: '公示中', closed: '公示结束', frozen: '已定稿' }
export const OBJ_STATUS = { open: '待处理', pending: '待处理', rejected: '已驳回', upheld: '已采纳', reject: '已驳回', uphold: '已采纳' }

/** A UTC time of the API ("2026-11-29T22:50:08Z") in Beijing time: "2026-11-30 06:50"; other text as is. */
export function when(t) {
  if (!t) return '—'
  const s = String(t)
  if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(s)) {
    const d = new Date(s.replace(' ', 'T'))
    if (!Number.isNaN(d.getTime())) {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
        day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d).map((x) => [x.type, x.value]))
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
    }
  }
  return s.replace('T', ' ').replace(/:\d\d(\.\d+)?$/, '')
}
