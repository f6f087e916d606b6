"""The platform's signing key for open credentials (ES256 on P-256), and its JWKS.

The private key comes from settings (CERTIFICATES_SIGNING_KEY, a PEM, or
CERTIFICATES_SIGNING_KEY_FILE); it is never in the repository. Development and
tests may generate a key file under the run directory on first use.
"""

import base64
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "ES256"


class SigningKeyMissing(ImproperlyConfigured):
    pass


def private_key_pem_generate() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def _key_file_read_or_create(path: Path, *, generate: bool) -> str:
    if path.exists() or not generate:
        return path.read_text()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: when a web process and a worker start together, one writes and both read the same key.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(private_key_pem_generate())
    return path.read_text()


def private_key_from_pem(pem: str) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ImproperlyConfigured("CERTIFICATES_SIGNING_KEY must be an EC P-256 private key in PEM form.")
    return key


@lru_cache(maxsize=4)
def _signing_key(pem_setting: str, file_setting: str, generate: bool) -> ec.EllipticCurvePrivateKey:
    pem = pem_setting.replace("\\n", "\n").strip()
    if not pem and file_setting:
        try:
            pem = _key_file_read_or_create(Path(file_setting), generate=generate)
        except FileNotFoundError as error:
            raise SigningKeyMissing(f"The signing key file {file_setting} does not exist.") from error
    if not pem:
        raise SigningKeyMissing("Set the CERTIFICATES_SIGNING_KEY environment variable (an EC P-256 key in PEM form).")
    return private_key_from_pem(pem)


def signing_key() -> ec.EllipticCurvePrivateKey:
    return _signing_key(
        settings.CERTIFICATES_SIGNING_KEY,
        settings.CERTIFICATES_SIGNING_KEY_FILE,
        settings.CERTIFICATES_SIGNING_KEY_GENERATE,
    )


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_jwk(key: ec.EllipticCurvePublicKey) -> dict[str, str]:
    numbers = key.public_numbers()
    jwk = {
        "crv": "P-256",
        "kty": "EC",
        "x": _b64url(numbers.x.to_bytes(32, "big")),
        "y": _b64url(numbers.y.to_bytes(32, "big")),
    }
    # RFC 7638 thumbprint: the required members, sorted, without spaces.
    thumbprint = _b64url(hashlib.sha256(json.dumps(jwk, sort_keys=True, separators=(",", ":")).encode()).digest())
    return {**jwk, "kid": thumbprint, "use": "sig", "alg": ALGORITHM}


def previous_public_keys() -> list[ec.EllipticCurvePublicKey]:
    """Retired keys' public parts (CERTIFICATES_PREVIOUS_PUBLIC_KEYS, PEM), still
    published so credentials signed before a key rotation keep verifying."""
    keys = []
    for pem in settings.CERTIFICATES_PREVIOUS_PUBLIC_KEYS:
        key = serialization.load_pem_public_key(pem.replace("\\n", "\n").strip().encode("ascii"))
        if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
            raise ImproperlyConfigured("CERTIFICATES_PREVIOUS_PUBLIC_KEYS must hold EC P-256 public keys in PEM form.")
        keys.append(key)
    return keys


def jwks() -> dict[str, list[dict[str, str]]]:
    current = public_jwk(signing_key().public_key())
    retired = [public_jwk(key) for key in previous_public_keys()]
    return {"keys": [current, *(key for key in retired if key["kid"] != current["kid"])]}


def jwt_sign(payload: dict[str, Any]) -> str:
    key = signing_key()
    kid = public_jwk(key.public_key())["kid"]
    return jwt.encode(payload, key, algorithm=ALGORITHM, headers={"kid": kid, "typ": "vc+jwt"})


def jwt_verify(token: str, *, key_set: dict[str, list[dict[str, str]]] | None = None) -> dict[str, Any]:
    """The payload of a VC-JWT whose signature checks out against a published
    key; raises jwt.InvalidTokenError otherwise. Expiry is not enforced here:
    the verification page reports an expired certificate itself."""
    header = jwt.get_unverified_header(token)
    keys = (key_set or jwks())["keys"]
    match = next((jwk for jwk in keys if jwk["kid"] == header.get("kid")), None)
    if match is None:
        raise jwt.InvalidTokenError("The credential was signed with a key we do not publish.")
    public_key = jwt.PyJWK.from_dict(match).key
    options: Any = {"verify_exp": False, "verify_nbf": False, "verify_aud": False}
    payload: dict[str, Any] = jwt.decode(token, public_key, algorithms=[ALGORITHM], options=options)
    return payload
