#!/usr/bin/env python3
"""Independent check of the example zone's calibration, read back from the written files (not from the
generator's model): a minimal XLSX reader (zipfile + ElementTree), GBK tax CSV, the README's cluster code
lists and cluster-overrides.csv. Applies what a correct importer does with the documented flaws
(trim, upper-case, full-width → ASCII, "万元"/"平方米" suffixes, thousands separators, "—"/empty = missing,
exact duplicate rows once, rows with a 17-character USCC or value added above output rejected).
Usage: gen_example_check.py DIR   → prints the figures, exit 1 if one misses its target."""
import csv, io, re, sys, zipfile
import xml.etree.ElementTree as ET
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
FW = {ord("０") + i: ord("0") + i for i in range(10)}
FW.update({ord("Ａ") + i: ord("A") + i for i in range(26)})


def sheet_rows(path, index=1):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    root = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % index))
    rows = {}
    for r in root.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in r.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            ci = 0
            for ch in col:
                ci = ci * 26 + ord(ch) - 64
            v = c.find("m:v", NS)
            if v is None:
                continue
            cells[ci - 1] = shared[int(v.text)] if c.get("t") == "s" else v.text
        rows[int(r.get("r"))] = cells
    n = max(rows) if rows else 0
    width = max((max(c) + 1 for c in rows.values() if c), default=0)
    return [[rows.get(i, {}).get(j) for j in range(width)] for i in range(1, n + 1)]


def num(v):
    """Exact value of a cell (Fraction) or None when missing."""
    if v is None:
        return None
    s = str(v).translate(FW).strip().replace(",", "")
    for unit in ("万元", "平方米"):
        s = s.removesuffix(unit)
    if s in ("", "—", "-"):
        return None
    return Fraction(Decimal(s))


def uscc(v):
    return str(v).translate(FW).strip().upper()


def stats(path, year):
    rows = sheet_rows(path)
    hdr_row = 3 if year == 2024 else 1
    header = rows[hdr_row - 1]
    if year == 2024:
        header = [h or rows[1][i] for i, h in enumerate(header)]  # identity headers are the merged cells of row 2
    col = {h: i for i, h in enumerate(header) if h}
    out, seen, rejected = {}, set(), 0
    for r in rows[hdr_row:]:
        key = tuple(r)
        if key in seen:
            continue
        seen.add(key)
        u = uscc(r[col["统一社会信用代码"]])
        o, va = num(r[col["工业总产值(当年价格)(千元)"]]), num(r[col["工业增加值（万元）"]])
        if len(u) != 18 or (va is not None and o is not None and va * 10 > o):
            rejected += 1
            continue
        out[u] = dict(code=str(r[col["行业代码"]]).strip().lstrip("C"), above=r[col["是否规上"]] == "是",
                      out=o / 10, va=va, rd=num(r[col["R&D经费支出（万元）"]]))
    return out, rejected


def main(d):
    s24, rej24 = stats(d + "/statistics-2024.xlsx", 2024)
    s23, _ = stats(d + "/statistics-2023.xlsx", 2023)
    tax = {}
    with open(d + "/tax-2024.csv", encoding="gbk", newline="") as f:
        seen = set()
        for row in list(csv.reader(f))[1:]:
            if tuple(row) in seen:
                continue
            seen.add(tuple(row))
            tax[uscc(row[0])] = num(row[2]) / 10000  # 元 → 万元
    land = {}
    for r in sheet_rows(d + "/land-parcels.xlsx")[1:]:
        land[uscc(r[2])] = land.get(uscc(r[2]), 0) + num(r[3]) * 15 / 10000  # m² → 亩
    overrides = {}
    with open(d + "/cluster-overrides.csv", encoding="utf-8") as f:
        for row in list(csv.reader(f))[1:]:
            overrides[row[0]] = row[3]
    def cluster(u, code):
        if u in overrides:
            return overrides[u]
        if code in ("3841", "3842", "3843", "3825"): return "新能源及新型储能"
        if code in ("2659", "2921", "3042", "3051", "3062", "3217", "3252", "3259"): return "新材料"
        if code[:3] in ("397", "398"): return "电子信息制造"
        if code[:2] == "27": return "生物医药"
        if code[:2] in ("13", "14", "15"): return "农产品及食品加工"
        if code[:2] in ("34", "35"): return "智能装备制造"
        return None
    held = {}
    for r in sheet_rows(d + "/certificates.xlsx")[1:]:
        exp = r[6] or "9999-12-31"
        if exp >= "2024-12-31":
            held.setdefault((r[2], r[3]), set()).add(uscc(r[0]))
    ht = set().union(*[v for (t, _), v in held.items() if t == "高新技术企业"])
    above = {u: x for u, x in s24.items() if x["above"]}
    tot = sum(x["out"] for x in above.values())
    tot23 = sum(s23[u]["out"] for u in above if u in s23)
    cl = {}
    for u, x in above.items():
        c = cluster(u, x["code"])
        if c:
            cl[c] = cl.get(c, 0) + x["out"]
    mfg = [u for u, x in above.items() if 13 <= int(x["code"][:2]) <= 43]
    mu = sum(land[u] for u in mfg)
    rd = sum(x["rd"] for x in s24.values() if x["rd"] is not None)
    r = lambda v, n=2: Decimal(v.numerator) / Decimal(v.denominator) if isinstance(v, Fraction) else Decimal(v)
    q = lambda v, n: r(v).quantize(Decimal(1).scaleb(-n), ROUND_HALF_UP)
    figures = [
        ("规上工业总产值 2024 (亿元)", q(tot / 10000, 2), Decimal("290.00")),
        ("same-scope growth (%)", q((tot / tot23 - 1) * 100, 1), Decimal("5.3")),
        ('"231" 2024 (亿元)', q(sum(cl.values()) / 10000, 2), Decimal("260.96")),
        ("新能源及新型储能 (亿元)", q(cl["新能源及新型储能"] / 10000, 2), Decimal("124.18")),
        ("新材料 (亿元)", q(cl["新材料"] / 10000, 2), Decimal("116.72")),
        ("亩均产值 (万元/亩)", q(sum(above[u]["out"] for u in mfg) / mu, 0), Decimal("448")),
        ("亩均税收 (万元/亩)", q(sum(tax[u] for u in mfg) / mu, 0), Decimal("22")),
        ("亩均增加值 (万元/亩)", q(sum(above[u]["va"] for u in mfg) / mu, 0), Decimal("146")),
        ("firms with tax > 1 亿元", sum(1 for v in tax.values() if v > 10000), 5),
        ("R&D 2024 (亿元)", q(rd / 10000, 2), Decimal("6.38")),
        ("高新 output share (%)", q(sum(x["out"] for u, x in above.items() if u in ht) / tot * 100, 0), Decimal("47")),
        ("高新技术企业 held", len(ht), 72),
        ("专精特新 held", len(held.get(("专精特新中小企业", "市级"), ())), 52),
        ("科技型企业 held", len(held.get(("科技型企业", "市级"), ())), 743),
        ("rows rejected in statistics-2024", rej24, 2),
    ]
    bad = 0
    for name, got, want in figures:
        ok = got == want
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {name}: {got} (target {want})")
    share = sum(1 for x in above.values() if x["rd"] and x["rd"] > 0) / len(above)
    print(f"{'ok ' if share > 0.5 else 'BAD'} 规上 firms with R&D > 0: {share:.4f} (target > 0.5)")
    bad += share <= 0.5
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
