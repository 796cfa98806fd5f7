import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * A real OpenID issuer on 127.0.0.1 for tests: a discovery document and a JWKS over HTTP,
 * keys made with jose, and a signer for ID tokens. It counts fetches, so tests can see the
 * server's key cache at work, and rotates keys like Google does.
 */
export class LocalIssuer {
  jwksFetches = 0;
  discoveryFetches = 0;
  /** while true, every request answers 503, as an issuer having a bad moment */
  down = false;
  private published: SigningKey[] = [];
  private kidCounter = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<LocalIssuer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = new LocalIssuer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => issuer.handle(req.url ?? '/', res));
    await issuer.rotate();
    return issuer;
  }

  private handle(path: string, res: ServerResponse): void {
    const json = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') this.discoveryFetches++;
    if (path === '/keys') this.jwksFetches++;
    if (this.down) {
      res.writeHead(503).end();
      return;
    }
    if (path === '/.well-known/openid-configuration') {
      return json({
        issuer: this.url,
        jwks_uri: `${this.url}/keys`,
        authorization_endpoint: `${this.url}/auth`,
        token_endpoint: `${this.url}/token`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (path === '/keys') return json({ keys: this.published.map((k) => k.jwk) });
    res.writeHead(404).end();
  }

  /** Publishes a fresh key set of one new key, dropping the old ones; later tokens use the new key. */
  async rotate(): Promise<string> {
    const key = await newKey(`${new URL(this.url).port}-key-${++this.kidCounter}`);
    this.published = [key];
    return key.kid;
  }

  /** The kid of the key that signs by default. */
  get kid(): string {
    return this.published[0].kid;
  }

  /** A signing key that is not published (for "bad signature" and "unknown kid"). */
  async strayKey(kid: string): Promise<SigningKey> {
    return newKey(kid);
  }

  /**
   * Signs an ID token: `iss` is this issuer and `iat`/`exp` come from `nowSeconds` (the test's
   * clock) unless the claims override them; `sign` swaps the key or its advertised kid.
   */
  async sign(claims: JWTPayload, nowSeconds: number, sign: { key?: SigningKey; kid?: string } = {}): Promise<string> {
    const key = sign.key ?? this.published[0];
    return new SignJWT({ iss: this.url, iat: nowSeconds, exp: nowSeconds + 3600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: sign.kid ?? key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
