#!/usr/bin/env python3
"""Writes the bad-input catalogue's files into tests/bad-inputs/files/ (deterministic; idempotent).

Each file is one kind of hostile or broken upload (docs/SECURITY.md). What mujun must answer for
each — exit code and the exact lines it prints — is in expected/<file>.out and expected.tsv,
checked by tests/integration/bad_inputs.sh.
"""
import pathlib, zipfile, io

HERE = pathlib.Path(__file__).resolve().parent
FILES = HERE / "files"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = "统一社会信用代码,单位详细名称,行业代码,工业增加值（万元）,税收（万元）\n"
GOOD_ROW = "9150000020286320X6,重庆长安汽车股份有限公司,3611,30000,1500\n"


def fixed_zip(entries, compress=zipfile.ZIP_DEFLATED):
    """A zip with fixed timestamps so the bytes (and SHA-256) never change."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compress) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = compress
            z.writestr(info, data)
    return b.getvalue()


def workbook(sheet_xml, sst=None, sheets=1):
    sheet_list = "".join(f'<sheet name="S{i}" sheetId="{i + 1}" r:id="rId1"/>' for i in range(sheets))
    parts = [
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL[:-1]}"><sheets>{sheet_list}</sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ]
    if sst is not None:
        parts.append(("xl/sharedStrings.xml", sst))
    return parts


def sheet(rows_xml):
    return f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{rows_xml}</sheetData></worksheet>'


def inline_row(r, values):
    cells = "".join(f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'


def good_sheet():
    return sheet(inline_row(1, HEADER.strip().split(",")) + inline_row(2, GOOD_ROW.strip().split(",")))


def write(name, data):
    FILES.mkdir(parents=True, exist_ok=True)
    (FILES / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def main():
    # --- not a spreadsheet at all
    write("legacy-excel-97.xls", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    write("web-page-saved-as.xls", "<html><body><table><tr><td>统一社会信用代码</td></tr></table></body></html>\n")
    write("empty-2024.csv", b"")
    # --- damaged archives
    ok = fixed_zip(workbook(good_sheet()))
    write("truncated-2024.xlsx", ok[: len(ok) // 2])
    write("zip-garbage-2024.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4)
    nested = fixed_zip([("inner.xlsx", ok)])
    write("nested-archive-2024.xlsx", fixed_zip(workbook(nested)))
    dup = workbook(good_sheet()) + [("XL/Worksheets/Sheet1.xml", good_sheet())]
    write("duplicate-parts-2024.xlsx", fixed_zip(dup))
    write("missing-sheet-part-2024.xlsx", fixed_zip([p for p in workbook(good_sheet()) if "worksheets" not in p[0]]))
    # --- zip bomb: one 24 MiB sheet of the same row compresses > 1000:1 (limit 200:1 above 1 MiB)
    row = '<row><c t="inlineStr"><is><t>0</t></is></c></row>'
    bomb = sheet(row * (24 * 1024 * 1024 // len(row)))
    write("zip-bomb-2024.xlsx", fixed_zip(workbook(bomb)))
    # --- XML entities: expansion ("billion laughs") and an external entity (XXE)
    lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>"
    write("entity-expansion-2024.xlsx", fixed_zip(workbook(lol + f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')))
    xxe = '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + f'<sst xmlns="{MAIN}"><si><t>&xxe;</t></si></sst>'
    write("external-entity-2024.xlsx", fixed_zip(workbook(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), sst=xxe)))
    # --- deeply nested XML (100,000 levels) inside a cell
    deep = "<x>" * 100000 + "</x>" * 100000
    write("deep-nesting-2024.xlsx", fixed_zip(workbook(sheet(f'<row r="1"><c r="A1">{deep}</c></row>'))))
    # --- sizes: too many sheets, columns, an over-long cell, a row beyond any limit
    write("too-many-sheets-2024.xlsx", fixed_zip(workbook(good_sheet(), sheets=1001)))
    write("too-many-columns-2024.csv", HEADER.strip() + "," + ",".join(f"c{i}" for i in range(16400)) + "\n" + GOOD_ROW)
    write("long-cell-2024.csv", HEADER + "9150000020286320X6,\"" + "长" * 50000 + "\",3611,30000,1500\n")
    write("far-row-2024.xlsx", fixed_zip(workbook(sheet(inline_row(1, HEADER.strip().split(",")) + inline_row(20000000, GOOD_ROW.strip().split(","))))))
    # --- text encodings
    write("invalid-bytes-2024.csv", HEADER.encode() + b"9150000020286320X6,\xff\xfe\xff,3611,30000,1500\n")
    write("mixed-utf8-gbk-2024.csv", HEADER.encode() + "9150000020286320X6,重庆长安,3611,30000,1500\n".encode("gbk"))
    write("utf16-odd-length-2024.csv", b"\xff\xfe" + HEADER.encode("utf-16-le") + b"\x41")
    write("bom-then-invalid-2024.csv", b"\xef\xbb\xbf" + HEADER.encode() + b"9150000020286320X6,\xe9\xe5,3611,30000,1500\n")
    write("open-quote-2024.csv", HEADER + '9150000020286320X6,"重庆长安,3611,30000,1500\n' + GOOD_ROW)
    # --- rows a reader accepts but the importer must reject (all-or-nothing: nothing written)
    write("bad-uscc-2024.csv", HEADER + GOOD_ROW + "9150000020286320X,短代码,3611,1,1\nIOSVZ0000020286320,非法字符,3611,1,1\n")
    write("not-numbers-2024.csv", HEADER + "9150000020286320X6,长安,3611,NaN,1e400\n91500000202869177Y,银行,3612,=1+2,-\n")
    write("no-known-columns-2024.csv", "a,b,c\n1,2,3\n")
    write("no-year.csv", HEADER + GOOD_ROW)
    write("duplicate-enterprise-2024.csv", HEADER + GOOD_ROW + GOOD_ROW.replace("30000", "29999"))
    # The database every case starts from (imported first, so "unchanged" is checked on real data).
    (HERE / "baseline-2024.csv").write_text(HEADER + "91500000202869177Y,重庆银行股份有限公司,3612,2000,800\n", encoding="utf-8")
    print(f"{len(list(FILES.iterdir()))} files in {FILES}")


if __name__ == "__main__":
    main()
