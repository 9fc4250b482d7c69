#!/usr/bin/env python3
"""Writes tests/fuzz/seeds/<target>/ from the project's own test files (run from anywhere; idempotent).

Sources: /work/shared/cases/readers (the files that broke other readers), tests/fixtures/readers,
the head of the example zone's CSV files, schemes/*.toml, tiers/*.toml, the USCC test vectors.
xlsx_parts seeds are the XML parts of the real workbooks in the format of tests/fuzz/xlsx_parts.h.
"""
import pathlib, shutil, zipfile, sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEEDS = HERE / "seeds"
SEP = b"\n----part----\n"
PARTS = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
         "xl/sharedStrings.xml", "xl/styles.xml"]


def out(target, name, data):
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def head(path, lines):
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


def parts_of(xlsx):
    with zipfile.ZipFile(xlsx) as z:
        names = {n.replace("\\", "/").lstrip("/").lower(): n for n in z.namelist()}
        chunks = []
        for p in PARTS:
            n = names.get(p.lower())
            chunks.append(z.read(n)[:6000] if n else b"")
        while chunks and not chunks[-1]:
            chunks.pop()
        return SEP.join(chunks)


def main():
    if SEEDS.exists():
        shutil.rmtree(SEEDS)
    cases = SHARED / "cases" / "readers"
    fixtures = ROOT / "tests" / "fixtures" / "readers"
    xlsx = sorted(cases.glob("*.xlsx")) + sorted(fixtures.glob("*.xlsx"))
    csvs = sorted(cases.glob("*.csv")) + sorted(fixtures.glob("*.csv"))
    for f in xlsx:
        out("xlsx_raw", f.name, f.read_bytes())
        out("xlsx_parts", f.stem + ".parts", parts_of(f))
    for f in csvs:
        out("csv", f.name, f.read_bytes())
    # The bad-input catalogue's small files (the zip bomb and the 100 KB ones would slow every run).
    for f in sorted((ROOT / "tests" / "bad-inputs" / "files").iterdir()):
        data = f.read_bytes()
        if len(data) <= 8192:
            out("xlsx_raw" if data[:2] == b"PK" else "csv", "bad-" + f.name, data)
    ex = ROOT / "examples" / "wansheng-2024"
    for f in sorted(ex.glob("*.csv")):
        out("csv", "example-" + f.name, head(f, 12))
        out("import_csv", "example-" + f.name, head(f, 12))
    out("import_csv", "stats.csv", "统一社会信用代码,单位详细名称,行业代码,是否规上,工业总产值(当年价格)(千元),"
        "工业增加值（万元）,税收（万元）,用地面积（亩）\n9150000020286320X6,长安,3611,是,\"1,234,567.8\",30000,1500,12.5\n"
        "91500000202869177Y,银行,C3612,否,—,10,,0\n".encode())
    vals = ["1,234,567.89", "（1,234）", "12万元", "1.2E+07", "—", "50%", "1200 平方米", "３．５亿元",
            "-0.0000005", "99999999999999999999", "1e400", "12.5亩", "N/A", "1 234 567", "+−1", "0x10"]
    for i, v in enumerate(vals):
        out("values", f"v{i:02d}", bytes([i * 7 % 256]) + v.encode())
    vec = SHARED / "data" / "uscc-test-vectors.csv"
    if vec.exists():
        for i, line in enumerate(vec.read_text(encoding="utf-8").splitlines()[1:25]):
            out("uscc", f"u{i:02d}", line.split(",")[0].encode())
    for extra in ["９１５０００００２０２８６３２０Ｘ６", " 9150000020286320x6 ", "91350100M0001TGQXM", "915000002028632"]:
        out("uscc", f"x{len(extra)}", extra.encode())
    for f in sorted((ROOT / "schemes").glob("*.toml")):
        out("scheme", f.name, f.read_bytes())
    for f in sorted((ROOT / "tiers").glob("*.toml")):
        out("rules", f.name, f.read_bytes())
    n = sum(1 for _ in SEEDS.rglob("*") if _.is_file())
    print(f"{n} seed files in {SEEDS}", file=sys.stderr)


if __name__ == "__main__":
    main()
