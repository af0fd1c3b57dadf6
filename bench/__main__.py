"""Run every benchmark and print one JSON document.

python -m bench [--only foundation] [--postgres URL | --no-postgres] [--contacts N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys

from bench import foundation, panel

SUITES = {"foundation": foundation.run, "panel": panel.run}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--only", choices=sorted(SUITES), action="append")
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "HERALD_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
        ),
        help="server URL; a fresh database is created on it and dropped after",
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--contacts", type=int, default=100_000)
    args = parser.parse_args(argv)
    results = {}
    for name in args.only or sorted(SUITES):
        results[name] = asyncio.run(
            SUITES[name](
                contacts=args.contacts, postgres=None if args.no_postgres else args.postgres
            )
        )
    json.dump(results, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
