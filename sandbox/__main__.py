"""`python -m sandbox` (and `herald sandbox`): run the local Telegram until Ctrl-C and print
how to reach it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
from collections.abc import Sequence

from sandbox.server import Sandbox


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--dc-port", type=int, default=0, help="MTProto DC port (0: free)")
    parser.add_argument("--bot-port", type=int, default=0, help="Bot API port (0: free)")
    parser.add_argument("--control-port", type=int, default=0, help="control API port (0: free)")
    parser.add_argument("--seed", type=int, default=None, help="seed for personas' dice")
    parser.add_argument("--json", action="store_true", help="print the addresses as JSON")
    return parser


def _describe(info: dict[str, object]) -> str:
    return "\n".join(
        [
            "Herald sandbox — a local Telegram. Ctrl-C to stop.",
            f"  Bot API URL      {info['bot_api_url']}",
            f"  Bot token        {info['bot_token']}  (@{info['bot_username']})",
            f"  MTProto DC       {info['dc_id']} at {info['dc_host']}:{info['dc_port']}",
            f"  RSA public key   {info['public_key_path']}",
            f"  API id / hash    {info['api_id']} / {info['api_hash']}",
            f"  Control API      {info['control_url']}",
        ]
    )


async def _run(args: argparse.Namespace) -> None:
    sandbox = Sandbox(
        args.host,
        dc_port=args.dc_port,
        bot_port=args.bot_port,
        control_port=args.control_port,
        seed=args.seed,
    )
    async with sandbox:
        info = sandbox.describe()
        print(json.dumps(info) if args.json else _describe(info), flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
