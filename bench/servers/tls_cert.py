"""A throw-away self-signed key and certificate for the TLS benchmark servers
(made with the openssl command at start-up; nothing is committed)."""
import os
import subprocess
import tempfile


def make(directory: str | None = None) -> tuple[str, str]:
    """(key path, cert path) for CN=localhost, valid for a day."""
    d = directory or tempfile.mkdtemp(prefix='bench-tls-')
    key, cert = os.path.join(d, 'key.pem'), os.path.join(d, 'cert.pem')
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
                    '-out', cert, '-days', '1', '-subj', '/CN=localhost'],
                   check=True, capture_output=True)
    return key, cert


if __name__ == '__main__':
    print(*make())
