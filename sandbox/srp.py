"""Server half of Telegram's 2FA SRP (the algorithm Telethon's `password.compute_check` runs):
account.getPassword parameters and verification of the client's proof."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

from telethon.password import (
    big_num_for_hash,
    compute_hash,
    is_good_mod_exp_first,
    num_bytes_for_hash,
    sha256,
    xor,
)
from telethon.tl import types

from sandbox.crypto import DH_G, DH_PRIME

P_BYTES = DH_PRIME.to_bytes(256, "big")


def algo_for(
    salt1: bytes, salt2: bytes
) -> types.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow:
    return types.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(
        salt1=salt1, salt2=salt2, g=DH_G, p=P_BYTES
    )


@lru_cache(maxsize=64)
def verifier(password: str, salt1: bytes, salt2: bytes) -> int:
    """v = g^x mod p; cached because PBKDF2 with 100 000 rounds is slow on purpose."""
    x = int.from_bytes(compute_hash(algo_for(salt1, salt2), password), "big")
    return pow(DH_G, x, DH_PRIME)


@dataclass
class SrpChallenge:
    """One account.getPassword answer: the server's ephemeral b and B, by srp_id."""

    password: str
    salt1: bytes
    salt2: bytes
    srp_id: int = field(default_factory=lambda: int.from_bytes(os.urandom(8), "big", signed=True))
    b: int = 0
    B: int = 0

    def __post_init__(self) -> None:
        v = verifier(self.password, self.salt1, self.salt2)
        k = int.from_bytes(sha256(P_BYTES, big_num_for_hash(DH_G)), "big")
        while True:
            self.b = int.from_bytes(os.urandom(256), "big")
            g_b = pow(DH_G, self.b, DH_PRIME)
            if is_good_mod_exp_first(g_b, DH_PRIME):
                break
        self.B = (k * v + g_b) % DH_PRIME

    def password_info(self, hint: str) -> types.account.Password:
        return types.account.Password(
            has_password=True,
            current_algo=algo_for(self.salt1, self.salt2),
            srp_B=self.B.to_bytes(256, "big"),
            srp_id=self.srp_id,
            hint=hint or None,
            new_algo=algo_for(self.salt1, b""),
            new_secure_algo=types.SecurePasswordKdfAlgoSHA512(salt=os.urandom(8)),
            secure_random=os.urandom(32),
        )

    def verify(self, check: types.InputCheckPasswordSRP) -> bool:
        v = verifier(self.password, self.salt1, self.salt2)
        a_for_hash = num_bytes_for_hash(check.A)
        b_for_hash = big_num_for_hash(self.B)
        u = int.from_bytes(sha256(a_for_hash, b_for_hash), "big")
        A = int.from_bytes(check.A, "big")
        if not 0 < A < DH_PRIME:
            return False
        S = pow(A * pow(v, u, DH_PRIME) % DH_PRIME, self.b, DH_PRIME)
        K = sha256(big_num_for_hash(S))
        M1 = sha256(
            xor(sha256(P_BYTES), sha256(big_num_for_hash(DH_G))),
            sha256(self.salt1),
            sha256(self.salt2),
            a_for_hash,
            b_for_hash,
            K,
        )
        return M1 == check.M1


def no_password() -> types.account.Password:
    return types.account.Password(
        has_password=False,
        new_algo=algo_for(os.urandom(32), os.urandom(16)),
        new_secure_algo=types.SecurePasswordKdfAlgoSHA512(salt=os.urandom(8)),
        secure_random=os.urandom(32),
    )
