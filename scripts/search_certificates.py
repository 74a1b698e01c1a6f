"""TLS for a search cluster of its own: a CA, the nodes' certificate and an admin certificate;
then Ruche's own user on the cluster, with rights on Ruche's indices only.

    python scripts/search_certificates.py certificates DIR --hosts opensearch-1,opensearch-2
    python scripts/search_certificates.py user --url https://opensearch-1:9200 --certs DIR \
        --name ruche --password ... [--index-prefix ruche_]

`certificates` writes ca.pem, node.pem/node.key (every host of --hosts, localhost and
127.0.0.1 in one certificate: HTTP and transport), admin.pem/admin.key (the security plugin's
admin, `CN=ruche-admin`); files already there are kept, so running it again changes nothing.
`user` signs in with the admin certificate and creates (or updates) the user Ruche connects as
(SEARCH_USER, SEARCH_PASSWORD), waiting for the cluster to answer. compose.yaml's `cluster`
profile runs both; tests/search/test_cluster_tls.py makes its certificates here too.
"""

from __future__ import annotations

import argparse
import datetime
import ipaddress
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NODE_CN = "ruche-search-node"  # plugins.security.nodes_dn: CN=ruche-search-node
ADMIN_CN = "ruche-admin"  # plugins.security.authcz.admin_dn: CN=ruche-admin
VALID_DAYS = 825


def _key() -> rsa.RSAPrivateKey:
    # RSA rather than EC: what every OpenSearch and JDK version reads.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: x509.Name, issuer: x509.Name, public_key, days: int):
    now = datetime.datetime.now(datetime.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=days))
    )


def certificate_authority(common_name: str, *, days: int = VALID_DAYS):
    """A self-signed CA: (certificate, private key)."""
    key = _key()
    usage = x509.KeyUsage(
        digital_signature=True,
        key_cert_sign=True,
        crl_sign=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        _builder(_name(common_name), _name(common_name), key.public_key(), days)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


def signed_certificate(ca, ca_key, common_name: str, hosts: list[str], *, days: int = VALID_DAYS):
    """A certificate of `ca` for `hosts` (names or IP addresses), good for a server and a
    client (nodes talk to each other with it both ways): (certificate, private key)."""
    key = _key()
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    builder = _builder(_name(common_name), ca.subject, key.public_key(), days)
    builder = builder.add_extension(
        x509.BasicConstraints(ca=False, path_length=None), critical=True
    ).add_extension(
        x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
        critical=False,
    )
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(ca_key, hashes.SHA256()), key


def write_pem(path: Path, certificate, key=None) -> None:
    """`path` gets the certificate; `path` with .key the private key (PKCS#8, mode 600)."""
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    path.chmod(0o644)
    if key is not None:
        key_path = path.with_suffix(".key")
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        key_path.chmod(0o600)


def write_cluster_certificates(folder: Path, hosts: list[str], owner: int | None = None) -> None:
    """ca.pem, node.pem/.key and admin.pem/.key in `folder`, unless ca.pem is there already.
    `owner`: the uid the nodes run as (1000 in the OpenSearch image), to read the keys."""
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "ca.pem").exists():
        print(f"{folder}/ca.pem exists: certificates kept")
        return
    ca, ca_key = certificate_authority("Ruche search CA")
    every_host = [*hosts, "localhost", "127.0.0.1"]
    write_pem(folder / "node.pem", *signed_certificate(ca, ca_key, NODE_CN, every_host))
    write_pem(folder / "admin.pem", *signed_certificate(ca, ca_key, ADMIN_CN, []))
    write_pem(folder / "ca.pem", ca)  # last: its presence says the set is complete
    if owner is not None:
        for path in folder.iterdir():
            os.chown(path, owner, owner)
    print(f"certificates written to {folder} for {', '.join(every_host)}")


def _admin_request(url: str, certs: Path, method: str, path: str, body: dict | None = None):
    context = ssl.create_default_context(cafile=str(certs / "ca.pem"))
    context.load_cert_chain(str(certs / "admin.pem"), str(certs / "admin.key"))
    request = urllib.request.Request(  # noqa: S310 - an https URL of the settings
        url.rstrip("/") + path,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, context=context, timeout=30) as response:  # noqa: S310
        return json.load(response)


def create_user(  # noqa: PLR0913 - one argument a command-line option
    url: str,
    certs: Path,
    name: str,
    password: str,
    index_prefix: str,
    admin_password: str | None = None,
) -> None:
    """A role with rights on `index_prefix`* indices (and cluster health), and the user; with
    `admin_password`, the built-in `admin` user's password too (never left at a default)."""
    deadline = time.monotonic() + 300
    while True:
        try:
            _admin_request(url, certs, "GET", "/_cluster/health")
            break
        except (OSError, urllib.error.URLError) as error:
            if time.monotonic() > deadline:
                raise SystemExit(f"the cluster at {url} did not answer: {error}") from error
            time.sleep(3)
    role = {
        "cluster_permissions": ["cluster_monitor", "cluster_composite_ops", "indices_monitor"],
        "index_permissions": [
            {"index_patterns": [f"{index_prefix}*"], "allowed_actions": ["indices_all"]}
        ],
    }
    api = "/_plugins/_security/api"
    _admin_request(url, certs, "PUT", f"{api}/roles/{name}", role)
    _admin_request(url, certs, "PUT", f"{api}/internalusers/{name}", {"password": password})
    _admin_request(url, certs, "PUT", f"{api}/rolesmapping/{name}", {"users": [name]})
    if admin_password:
        _admin_request(
            url,
            certs,
            "PUT",
            f"{api}/internalusers/admin",
            {"password": admin_password, "backend_roles": ["admin"]},
        )
    print(f"user {name!r} may use the indices {index_prefix}* on {url}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    certificates = commands.add_parser("certificates", help="Write the cluster's certificates.")
    certificates.add_argument("folder", type=Path)
    certificates.add_argument("--hosts", required=True, help="The nodes' host names, a,b,c.")
    certificates.add_argument("--owner", type=int, help="uid of the nodes (1000 in the image)")
    user = commands.add_parser("user", help="Create Ruche's user on the cluster.")
    user.add_argument("--url", required=True)
    user.add_argument("--certs", type=Path, required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--password", default=os.environ.get("SEARCH_PASSWORD"))
    user.add_argument("--index-prefix", default=os.environ.get("SEARCH_INDEX_PREFIX", "ruche_"))
    user.add_argument(
        "--admin-password", default=os.environ.get("OPENSEARCH_INITIAL_ADMIN_PASSWORD")
    )
    args = parser.parse_args(argv)
    if args.command == "certificates":
        hosts = [host.strip() for host in args.hosts.split(",") if host.strip()]
        write_cluster_certificates(args.folder, hosts, owner=args.owner)
    else:
        if not args.password:
            parser.error("--password (or SEARCH_PASSWORD) is needed")
        create_user(
            args.url,
            args.certs,
            args.name,
            args.password,
            args.index_prefix,
            admin_password=args.admin_password,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
