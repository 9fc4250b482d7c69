"""Re-packs an XLSX package with plain (non-zip64) local headers: repack_xlsx.py IN.xlsx OUT.xlsx

Why: tools/gen-zone writes its streamed XLSX with libxlsxwriter's use_zip64 option, whose local file
headers carry a zip64 extra field that the central directory does not repeat. Every reader opens that
package as written — mujun's too since commit 8d83826 (src/ingest/readers/zip_archive.cpp no longer
asks libzip for ZIP_CHECKCONS) — so the repack is not needed to read it. It is kept so that every
reader (mujun, openpyxl, orcus) is timed on the same plain, non-zip64 package: every part is copied
byte for byte (same names, order and contents, deflate level 6). Prints the part count and the
uncompressed bytes.
"""
import sys
import zipfile

src, dst = sys.argv[1], sys.argv[2]
n = size = 0
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=6,
                                                  allowZip64=False) as zout:
    for info in zin.infolist():
        zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
        zi.compress_type, zi._compresslevel = zipfile.ZIP_DEFLATED, 6
        with zin.open(info) as part, zout.open(zi, "w") as out:
            while chunk := part.read(1 << 20):
                out.write(chunk)
                size += len(chunk)
        n += 1
print(f"repacked {src}: {n} parts, {size} bytes uncompressed", file=sys.stderr)
