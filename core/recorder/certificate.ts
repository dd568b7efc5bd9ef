// The recording proxy's TLS certificates. At start the proxy makes its own certificate authority
// (what a client is told to trust, once), and for each XMPP domain a client asks for it issues a
// server certificate signed by it, valid for that domain: the proxy can stand in for any server
// (the way mitmproxy does for HTTPS) without a certificate made in advance for each name.
// Certificates are made with `selfsigned`, on an EC P-256 key (fast to generate), valid 30 days.
// `selfsigned` (with the ASN.1 libraries under it) loads on the first certificate, not with the
// bundle: initialising it took about as long as the rest of `scs` start-up together.

import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';

export interface CertificateAuthority {
  /** PEM text of the authority's certificate: what clients trust. */
  readonly cert: string;
  /** Its SHA-256 fingerprint, colon-separated hex (as `openssl x509 -fingerprint -sha256` prints). */
  readonly fingerprint: string;
  /** A TLS context whose certificate is valid for `name` (a domain or an IP address) and signed by
   *  the authority; made once per name. Rejects only if key generation fails. */
  contextFor(name: string): Promise<SecureContext>;
}

const validity = () => ({ notBeforeDate: new Date(Date.now() - 60_000), notAfterDate: new Date(Date.now() + 30 * 24 * 3600_000) });
const keyOptions = { keyType: 'ec' as const, curve: 'P-256' as const, algorithm: 'sha256' };

/** Makes a fresh authority (a new key on every start: nothing is kept on disk). */
export async function makeCertificateAuthority(): Promise<CertificateAuthority> {
  const { generate } = await import('selfsigned');
  const authority = await generate([{ name: 'commonName', value: 'scs record proxy' }], {
    ...keyOptions,
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const contexts = new Map<string, Promise<SecureContext>>();
  const issue = async (name: string): Promise<SecureContext> => {
    const server = await generate([{ name: 'commonName', value: name }], {
      ...keyOptions,
      ...validity(),
      ca: { key: authority.private, cert: authority.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [isIP(name) ? { type: 7, ip: name } : { type: 2, value: name }] },
      ],
    });
    return createSecureContext({ cert: `${server.cert.trim()}\n${authority.cert.trim()}\n`, key: server.private });
  };
  return {
    cert: authority.cert,
    fingerprint: new X509Certificate(authority.cert).fingerprint256,
    contextFor(name) {
      let context = contexts.get(name);
      if (!context) {
        context = issue(name);
        contexts.set(name, context);
        context.catch(() => contexts.delete(name));
      }
      return context;
    },
  };
}
