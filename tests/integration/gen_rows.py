#!/usr/bin/env python3
"""Writes a synthetic statistics-bureau CSV of N enterprises with valid USCCs (GB 32100-2015 and
GB 11714-1997 check characters), streaming (constant memory):
    gen_rows.py N OUT.csv [START]
START offsets the enterprise numbers so two files hold different enterprises. Values are integers
in 万元 (no rounding anywhere), so a full import of N rows stores exactly N × 3 facts
(gross_output, value_added, tax_paid). Used by kill_test.sh and memory_1m.sh."""
import sys

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org_check(body8):
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    s = sum((int(c) if c.isdigit() else ord(c) - 55) * wi for c, wi in zip(body8, w))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def uscc_check(first17):
    s = sum(CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(first17)) % 31
    return CHARSET[(31 - s) % 31]


def uscc(n):
    body = f"{n:08d}"
    f17 = "91500110" + body + org_check(body)
    return f17 + uscc_check(f17)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    start = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("统一社会信用代码,单位详细名称,行业代码,工业总产值（万元）,工业增加值（万元）,税收（万元）\n")
        for k in range(start, start + n):
            gross = 1000 + k % 9000  # value added = 30 % of output, always plausible
            f.write(f"{uscc(k)},企业{k},3611,{gross},{gross * 3 // 10},{10 + k % 500}\n")


if __name__ == "__main__":
    main()
