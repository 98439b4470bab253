"""The pseudonym of a personal value, as lib/privacy's Pseudonymiser.hash computes it in TypeScript.

HMAC-SHA256 of the value's UTF-8 bytes under the key's UTF-8 bytes, as 64 lower-case hex
characters; None stays None. The key is the pseudonymisation secret's text, checked as
lib/privacy/checkKey.ts checks it: one trailing newline removed, at least 32 characters, no
whitespace at either end. Shipped to the Glue job with --extra-py-files; pure Python, so the tests
run it against the TypeScript pseudonymiser.
"""
import hashlib
import hmac

MIN_KEY_LENGTH = 32


def check_key(text, source):
    """The key as used, or ValueError naming its source and the problem (never the key)."""
    key = text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    if len(key) < MIN_KEY_LENGTH:
        raise ValueError(
            f"pseudonymisation key from {source}: the key has {len(key)} characters; "
            f"at least {MIN_KEY_LENGTH} are needed (e.g. 64 hex characters)"
        )
    if key.strip() != key:
        raise ValueError(f"pseudonymisation key from {source}: the key starts or ends with whitespace")
    return key


def make_pseudonym(key):
    """A function value -> pseudonym under `key` (already checked)."""
    key_bytes = key.encode("utf-8")

    def pseudonym(value):
        if value is None:
            return None
        return hmac.new(key_bytes, value.encode("utf-8"), hashlib.sha256).hexdigest()

    return pseudonym
