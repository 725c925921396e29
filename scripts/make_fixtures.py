#!/usr/bin/env python3
"""Writes tests/fixtures/westermo/system-{2,5,8,10}.csv: MADE-UP numbers in the Westermo
file format (same header, Python repr floats, integer memory columns, k/20 rates with float
noise). Not the real data set: every value comes from the formulas below."""
import os

H24 = ("timestamp,load-1m,load-5m,load-15m,sys-mem-swap-total,sys-mem-swap-free,sys-mem-free,"
       "sys-mem-cache,sys-mem-buffered,sys-mem-available,sys-mem-total,sys-fork-rate,"
       "sys-interrupt-rate,sys-context-switch-rate,sys-thermal,disk-io-time,disk-bytes-read,"
       "disk-bytes-written,disk-io-read,disk-io-write,cpu-iowait,cpu-system,cpu-user,server-up")


def row(sysno, i, thermal):
    k = (i * 7 + sysno * 3) % 50
    mem = 4096 * (1000000 + sysno * 1000 + (i * 37) % 500)
    vals = [
        30 * i,
        round((i % 9) * 0.11, 2), round((i % 5) * 0.07, 2), 0.05,
        4096 * 2000000, 4096 * 1999000, mem, 4096 * 300000, 4096 * 50000,
        mem + 4096 * 351000, 4096 * 4000000,
        k * 0.05, 1000 + k * 0.15, 2000 + k * 0.35,
    ]
    if thermal:
        vals.append((i % 4) * 0.15)
    vals += [
        0.001 + k * 1e-06, 0.0, k * 204.8, 0.0, (k % 7) * 0.05,
        (1000.1 + k * 0.01) - 1000.1 if i % 10 else 5e-05, 0.02 + i * 0.0001, 0.03 + k * 0.0003,
        2,
    ]
    return ",".join(repr(v) for v in vals)


out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "westermo")
for sysno, cols, rows in [(2, 24, 40), (5, 24, 40), (8, 23, 40), (10, 24, 40)]:
    header = H24 if cols == 24 else H24.replace(",sys-thermal", "")
    with open(os.path.join(out, f"system-{sysno}.csv"), "w", newline="\n") as f:
        f.write(header + "\n")
        for i in range(rows):
            f.write(row(sysno, i, cols == 24) + "\n")
