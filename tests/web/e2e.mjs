// Browser test of the dashboard (issue 8, "Done when" bullet 2): Debian chromium driven by playwright-core.
// Run by tests/integration/web_e2e.sh, which prepares the database (the example zone, `mujun demo`), the
// accounts and a running `mujun serve`. Arguments come from the environment:
//   BASE (http://127.0.0.1:PORT), ART (artifact folder for screenshots and downloads), PW (the accounts'
//   password), OWN_USCC (the enterprise account's USCC), OTHER_USCC (another enterprise of the zone),
//   BAD_CSV (a file with rejected rows), EXPECT_A (规上 class-A count of run 1), EXPECT_OUTPUT ("290.00").
// Expected values: 290.00 亿元 规上工业总产值 = examples/wansheng-2024/published.toml "突破290" and
// `mujun stats --year 2024`; 23 class-A firms in cohort above_scale_manufacturing = `mujun evaluate --year 2024
// --scheme schemes/chongqing-default.toml` (the demo's summary table).
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const require = createRequire(new URL('../../web/package.json', import.meta.url))
const { chromium } = require('playwright-core')

const env = (k) => { const v = process.env[k]; if (!v) throw new Error(`missing env ${k}`); return v }
const BASE = env('BASE'), ART = env('ART'), PW = env('PW')
const OWN = env('OWN_USCC'), OTHER = env('OTHER_USCC'), BAD_CSV = env('BAD_CSV')
const EXPECT_A = Number(env('EXPECT_A')), EXPECT_OUTPUT = env('EXPECT_OUTPUT')
fs.mkdirSync(ART, { recursive: true })

let step = 0
const problems = []
function check(cond, what) {
  if (!cond) throw new Error('FAIL: ' + what)
  console.log('ok   ' + what)
}
async function shot(page, name) {
  step += 1
  const f = path.join(ART, `${String(step).padStart(2, '0')}-${name}.png`)
  await page.waitForTimeout(250)  // charts render on the next frame
  await page.screenshot({ path: f, fullPage: true })
  console.log('shot ' + f)
}
const text = (page, sel) => page.locator(sel).first().innerText()

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN' })
context.setDefaultTimeout(15000)
const page = await context.newPage()
page.on('pageerror', (e) => problems.push('page error: ' + e.message))
page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push('console: ' + m.text()) })
page.on('response', (r) => { if (r.status() >= 500) problems.push(`HTTP ${r.status()} ${r.url()}`) })
page.on('dialog', (d) => d.accept())

async function login(name) {
  await page.goto(BASE + '/login')
  await page.fill('input[name=name]', name)
  await page.fill('input[name=password]', PW)
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-test=user-name]')
}
async function logout() {
  await page.click('[data-test=logout]')
  await page.waitForURL(/\/login/)
}
async function download(locator, file) {
  const [d] = await Promise.all([page.waitForEvent('download'), locator.click()])
  const out = path.join(ART, file)
  await d.saveAs(out)
  return out
}
const isZip = (f) => fs.statSync(f).size > 100 && fs.readFileSync(f).subarray(0, 2).toString() === 'PK'

try {
  // 1. Login: a wrong password shows the API's Chinese message; the right one lands on the overview.
  await page.goto(BASE + '/')
  await page.waitForURL(/\/login/)
  await page.fill('input[name=name]', 'analyst')
  await page.fill('input[name=password]', 'wrong-password')
  await page.click('button[type=submit]')
  const err = await text(page, '[data-test=login-error]')
  check(/[\u4e00-\u9fff]/.test(err), `wrong password → error shown in Chinese: "${err}"`)
  await shot(page, 'login-error')
  await login('analyst')
  await page.waitForURL(/\/overview/)

  // 2. Overview: the 规上工业总产值 card shows the published figure; its export carries the year.
  const card = page.locator('[data-figure=above_scale_gross_output] .value')
  await card.waitFor()
  const output = await card.innerText()
  check(output.includes(EXPECT_OUTPUT), `overview 规上工业总产值 = ${output.replace(/\s+/g, ' ')} (expected ${EXPECT_OUTPUT} 亿元)`)
  check(await page.locator('canvas').count() >= 2, 'overview charts drawn')
  const ovHref = await page.locator('[data-test=export]').first().getAttribute('href')
  check(ovHref === '/api/overview.xlsx?year=2024', `overview export link: ${ovHref}`)
  const ov = await download(page.locator('[data-test=export]').first(), 'overview-2024.xlsx')
  check(isZip(ov), `overview export downloaded (${fs.statSync(ov).size} bytes)`)
  await shot(page, 'overview')

  // 3. Clusters.
  await page.click('nav >> text=产业集群')
  await page.waitForSelector('[data-test=clusters] tbody tr')
  const nClusters = await page.locator('[data-test=clusters] tbody tr').count()
  check(nClusters >= 6, `clusters table: ${nClusters} rows`)
  const clHref = await page.locator('[data-test=export]').getAttribute('href')
  check(clHref === '/api/clusters.xlsx?year=2024', `clusters export link: ${clHref}`)
  await shot(page, 'clusters')

  // 4. Results: cohort 规上 + class A → the CLI's count; export with exactly these filters.
  await page.goto(BASE + '/results?run=1')
  await page.waitForSelector('[data-test=results] tbody tr')
  await page.selectOption('select[name=cohort]', 'above_scale_manufacturing')
  await page.selectOption('select[name=class]', 'A')
  await page.click('[data-test=apply]')
  await page.waitForFunction((n) => document.querySelector('[data-test=total]')?.textContent.includes(`共 ${n} 条`), EXPECT_A)
  const rowsA = await page.locator('[data-test=results] tbody tr').count()
  check(rowsA === EXPECT_A, `results 规上 class A: ${rowsA} rows (CLI: ${EXPECT_A})`)
  const classes = await page.locator('[data-test=results] tbody td .badge').allInnerTexts()
  check(classes.every((c) => c === 'A'), 'every row is class A')
  await page.click('[data-test=results] th:has-text("综合得分")')  // sort by total (desc)
  await page.waitForURL(/sort=total/)
  const href = await page.locator('[data-test=export]').getAttribute('href')
  check(href === '/api/runs/1/results.xlsx?cohort=above_scale_manufacturing&class=A&sort=total&order=desc',
    `export link carries the screen's filters and sort: ${href}`)
  const xlsx = await download(page.locator('[data-test=export]'), 'results-A.xlsx')
  check(isZip(xlsx), `results export downloaded (${fs.statSync(xlsx).size} bytes)`)
  await shot(page, 'results-class-A')
  const firstTotal = (await page.locator('[data-test=results] tbody tr').first().locator('td').nth(6).innerText()).trim()

  // 5. Enterprise page (the first row), with its points against the benchmarks.
  const firstName = await page.locator('[data-test=results] tbody tr td a').first().innerText()
  await page.locator('[data-test=results] tbody tr td a').first().click()
  await page.waitForSelector('[data-test=enterprise-name]')
  check((await text(page, '[data-test=enterprise-name]')).includes(firstName), `enterprise page of ${firstName}`)
  await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 3)
  check(await page.locator('[data-test=classes] tbody tr').count() >= 1, 'class over the years listed')
  await page.waitForFunction(() => /run=\d+/.test(document.querySelector('[data-test=export]')?.getAttribute('href') || ''))
  const entHref = await page.locator('[data-test=export]').getAttribute('href')
  check(new RegExp(`^/api/enterprises/${OWN}/detail\\.xlsx\\?run=1$`).test(entHref), `enterprise export link carries the chosen run: ${entHref}`)
  await shot(page, 'enterprise')

  // 6. Imports: a file with rejected rows → report with rows/columns/messages; download the rejects.
  await page.click('nav >> text=数据导入')
  await page.setInputFiles('input[name=file]', BAD_CSV)
  await page.selectOption('select[name=source]', 'statistics')
  await page.click('[data-test=upload]')
  await page.waitForSelector('[data-test=report]')
  const rejected = Number(await text(page, '[data-test=rejected]'))
  const rejectRows = await page.locator('[data-test=reject-rows] tbody tr').count()
  check(rejected === 2 && rejectRows === 2, `import report: ${rejected} rejected, ${rejectRows} rows listed (file has 2 bad USCCs)`)
  const firstReject = await page.locator('[data-test=reject-rows] tbody tr').first().innerText()
  check(/统一社会信用代码/.test(firstReject) && /18/.test(firstReject), `rejected row names column and problem: ${firstReject.slice(0, 60)}…`)
  const rej = await download(page.locator('[data-test=rejects]'), 'rejects.xlsx')
  check(isZip(rej), `rejects workbook downloaded (${fs.statSync(rej).size} bytes): ${rej}`)
  await shot(page, 'import-report')

  // 7. Run an evaluation and publish it for 7 days.
  await page.click('nav >> text=运行评价')
  await page.waitForSelector('[data-test=runs] tbody tr')
  const before = await page.locator('[data-test=runs] tbody tr').count()
  await page.selectOption('select[name=scheme]', 'chongqing-default')
  await page.click('[data-test=evaluate]')
  await page.waitForSelector('[data-test=run-notice]')
  const notice = await text(page, '[data-test=run-notice]')
  const runId = Number(/#(\d+)/.exec(notice)[1])
  check(await page.locator('[data-test=runs] tbody tr').count() === before + 1, `evaluation run #${runId} created`)
  const row = page.locator(`[data-test=runs] tr[data-run="${runId}"]`)
  await row.locator('[data-test=publish]').click()
  await page.waitForFunction((id) => document.querySelector(`tr[data-run="${id}"]`)?.textContent.includes('公示中'), runId)
  check(true, `run #${runId} published (公示中)`)
  await shot(page, 'runs-published')
  await logout()

  // 8. Enterprise account: only its own pages; another enterprise → not found; file an objection.
  await login('firm')
  await page.waitForURL(new RegExp('/enterprises/' + OWN))
  await page.waitForSelector('[data-test=enterprise-name]')
  const navText = await page.locator('nav').innerText()
  check(!navText.includes('总览') && !navText.includes('数据导入'), `enterprise nav has no zone pages: ${navText.replace(/\s+/g, ' ')}`)
  const profile = await page.locator('dl.kv').first().innerText()
  check(profile.includes('新能源及新型储能') && !profile.includes('new_energy_storage'), 'the enterprise account sees its cluster by name')
  await shot(page, 'enterprise-own')
  await page.goto(BASE + '/enterprises/' + OTHER)
  await page.waitForSelector('[data-test=not-found]')
  check(true, `another enterprise (${OTHER}) → 未找到`)
  await shot(page, 'enterprise-other-not-found')
  await page.goto(BASE + '/overview')
  await page.waitForURL(new RegExp('/enterprises/' + OWN))
  check(true, '/overview redirects an enterprise account to its own page')

  await page.click('nav >> text=公示与异议')
  await page.waitForSelector('[data-test=my-results] [data-test=object]')
  await page.locator('[data-test=my-results] [data-test=object]').first().click()
  await page.fill('textarea[name=reason]', '本企业2024年税收应含代扣代缴部分，计入后亩均税收高于公示值，请核实。')
  await page.setInputFiles('input[name=attachment]', path.join(ART, '02-overview.png'))
  await page.click('[data-test=submit-objection]')
  await page.waitForSelector('[data-test=objection-notice]')
  await page.waitForSelector('[data-test=objections] tbody tr[data-objection]')
  const objRow = page.locator('[data-test=objections] tbody tr[data-objection]').first()
  check((await objRow.innerText()).includes('待处理') && (await objRow.locator('a').count()) === 1,
    'objection filed with its attachment, status 待处理')
  // a second objection, without attachment: the analyst will uphold it with a re-run
  await page.locator('[data-test=my-results] [data-test=object]').first().click()
  await page.fill('textarea[name=reason]', '2024年用地面积含已于3月退租的租赁用地，扣除后亩均指标应更高，请更正后重新评价。')
  await page.click('[data-test=submit-objection]')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=objections] tbody tr[data-objection]').length === 2)
  check(true, 'second objection filed')
  await shot(page, 'objection-filed')
  await logout()

  // 9. Analyst rejects the first (驳回 with a reason) and upholds the second (采纳并重新评价: a re-run of the
  //    same year and scheme, linked to the objection; the re-run's results open from the link). The objected-to
  //    run can no longer be frozen (no 定稿 button); the re-run is published; during its window only an admin
  //    can freeze (提前定稿, audited), after which the row shows 已定稿 with the freeze time.
  await login('analyst')
  await page.goto(BASE + '/objections')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=objections] tbody tr[data-objection]').length === 2)
  const oids = (await page.locator('[data-test=objections] tbody tr[data-objection]')
    .evaluateAll((rs) => rs.map((x) => Number(x.dataset.objection)))).sort((a, b) => a - b)
  const r = page.locator(`[data-test=objections] tr[data-objection="${oids[0]}"]`)
  await r.locator('[data-test=resolution]').fill('经核对税务局数据，代扣代缴税款不计入企业实缴税金，维持原评价。')
  await r.locator('[data-test=reject]').click()
  await page.waitForFunction((id) => document.querySelector(`tr[data-objection="${id}"] [data-test=status]`)?.textContent.includes('已驳回'), oids[0])
  check(true, `objection #${oids[0]} resolved: 已驳回`)
  await shot(page, 'objection-rejected')
  const u = page.locator(`[data-test=objections] tr[data-objection="${oids[1]}"]`)
  await u.locator('[data-test=resolution]').fill('经核实租赁合同已于2024年3月终止，已更正用地面积并重新评价。')
  await u.locator('[data-test=uphold]').click()
  await page.waitForFunction((id) => document.querySelector(`tr[data-objection="${id}"] [data-test=status]`)?.textContent.includes('已采纳'), oids[1])
  const upNotice = await text(page, '[data-test=objection-notice]')
  const newRun = Number((/批次 #(\d+)/.exec(upNotice) || [])[1])
  check(newRun > runId, `objection #${oids[1]} upheld with re-run #${newRun}: ${upNotice}`)
  check((await u.innerText()).includes(`重新评价 #${newRun}`), 'the objection links to the re-run')
  await shot(page, 'objection-upheld')
  // the objections export carries the status filter on screen
  await page.selectOption('[data-test=status-filter]', 'upheld')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=objections] tbody tr[data-objection]').length === 1)
  const obHref = await page.locator('[data-test=export]').getAttribute('href')
  check(obHref === '/api/objections.xlsx?status=upheld', `objections export link carries the filter: ${obHref}`)
  const ob = await download(page.locator('[data-test=export]'), 'objections-upheld.xlsx')
  check(isZip(ob), `objections export downloaded (${fs.statSync(ob).size} bytes)`)
  await page.locator(`[data-test=objections] tr[data-objection="${oids[1]}"] [data-test=new-run]`).click()
  await page.waitForURL(new RegExp(`/results\\?run=${newRun}`))
  await page.waitForSelector('[data-test=results] tbody tr td a')
  const reRows = page.locator('[data-test=results] tbody tr')
  check(await reRows.count() === 1, `re-run #${newRun} results filtered to the objecting firm: 1 row`)
  const reText = await reRows.first().innerText()
  check(reText.includes('重庆綦华储能科技股份有限公司') && reText.includes(firstTotal),
    `re-run #${newRun} shows the firm's result (综合得分 ${firstTotal}, the data were not changed in this test): ${reText.replace(/\s+/g, ' ').slice(0, 80)}`)
  check((await page.locator('[data-test=run]').inputValue()) === String(newRun), `run selector on #${newRun}`)
  await shot(page, 're-run-results')
  await page.goto(BASE + '/runs')
  await page.waitForSelector(`[data-test=runs] tr[data-run="${runId}"] [data-test=superseded]`)
  const old = page.locator(`[data-test=runs] tr[data-run="${runId}"]`)
  check(await old.locator('button').count() === 0 && (await old.innerText()).includes(`#${newRun}`),
    `run #${runId} (objection upheld): no 公示/定稿 button, names re-run #${newRun}`)
  const nr = page.locator(`[data-test=runs] tr[data-run="${newRun}"]`)
  check(await nr.locator('[data-test=freeze]').count() === 0, `re-run #${newRun} unpublished: no 定稿 button`)
  await nr.locator('[data-test=publish]').click()
  await page.waitForFunction((id) => document.querySelector(`tr[data-run="${id}"]`)?.textContent.includes('公示中'), newRun)
  check(await nr.locator('button').count() === 0, `re-run #${newRun} published: no 公示 button, no 定稿 for an analyst while the window is open`)
  await shot(page, 'runs-rerun-published')
  await logout()

  // 9b. The enterprise sees its upheld objection's re-run state.
  await login('firm')
  await page.click('nav >> text=公示与异议')
  await page.waitForSelector(`[data-test=objections] tr[data-objection="${oids[1]}"] [data-test=new-run]`)
  const firmUp = await page.locator(`[data-test=objections] tr[data-objection="${oids[1]}"]`).innerText()
  check(firmUp.includes(`重新评价 #${newRun}`) && firmUp.includes('已采纳'), `the firm sees its objection upheld with re-run #${newRun}: ${firmUp.replace(/\s+/g, ' ').slice(0, 120)}`)
  await logout()

  // 9c. Admin: 提前定稿 of the re-run during its window (force, audited) → 已定稿 <freeze time>.
  await login('admin')
  await page.goto(BASE + '/runs')
  await page.locator(`[data-test=runs] tr[data-run="${newRun}"] [data-test=force-freeze]`).click()
  await page.waitForFunction((id) => document.querySelector(`tr[data-run="${id}"]`)?.textContent.includes('已定稿'), newRun)
  const frozenRow = await page.locator(`[data-test=runs] tr[data-run="${newRun}"]`).innerText()
  check(!frozenRow.includes('至') && (await page.locator(`[data-test=runs] tr[data-run="${newRun}"] [data-test=frozen-at]`).count()) === 1
    && (await page.locator(`[data-test=runs] tr[data-run="${newRun}"] button`).count()) === 0,
    `run #${newRun} frozen: 已定稿 with its freeze time, no buttons: ${frozenRow.replace(/\s+/g, ' ').slice(0, 100)}`)
  await shot(page, 'run-frozen')
  await logout()

  // 10. Viewer: zone pages, no import page, no export button (account without --export).
  await login('viewer')
  const vnav = await page.locator('nav').innerText()
  check(vnav.includes('总览') && !vnav.includes('数据导入'), 'viewer nav: overview yes, imports no')
  await page.goto(BASE + '/results?run=1')
  await page.waitForSelector('[data-test=results] tbody tr')
  check(await page.locator('[data-test=export]').count() === 0, 'viewer without export permission: no 导出 button')

  check(problems.length === 0, 'no page errors, console errors or 5xx responses' + (problems.length ? ': ' + problems.join(' | ') : ''))
  console.log(`PASS — screenshots in ${ART}`)
} catch (e) {
  console.error(e.message)
  if (problems.length) console.error('page problems:\n  ' + problems.join('\n  '))
  await page.screenshot({ path: path.join(ART, 'FAILED.png'), fullPage: true }).catch(() => {})
  console.error(`screenshots in ${ART} (FAILED.png = the page at the failure)`)
  process.exitCode = 1
} finally {
  await browser.close()
}
