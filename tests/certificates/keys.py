"""A throwaway signing key for tests that start a production-configured process."""

from functools import lru_cache

from certificates.signing import private_key_pem_generate


@lru_cache(maxsize=1)
def throwaway_signing_key_pem() -> str:
    return private_key_pem_generate()
