import type { Config } from '../config.ts';
import { describeFailure } from '../lib/readiness.ts';
import { DOCTOR_TIMEOUT_MS, fail, ok, warn, type Finding } from './doctor.checks.ts';

/** Each enabled provider's discovery document can be fetched and names its issuer. */
export async function checkProviders(config: Config): Promise<Finding[]> {
  const providers = [
    {
      label: 'Google',
      variable: 'GOOGLE_ISSUER',
      on: config.google.clientIds.length > 0,
      issuer: config.google.issuer,
    },
    { label: 'Apple', variable: 'APPLE_ISSUER', on: config.apple.clientIds.length > 0, issuer: config.apple.issuer },
  ];
  const out: Finding[] = [];
  for (const p of providers) {
    if (!p.on) {
      out.push({ status: 'info', title: `${p.label} sign-in: off (${p.label.toUpperCase()}_CLIENT_ID unset)` });
      continue;
    }
    const problem = await discoveryProblem(p.issuer);
    out.push(
      problem
        ? fail(
            `${p.label} sign-in: ${p.issuer}/.well-known/openid-configuration ${problem}`,
            `Check that this machine reaches ${p.issuer} (DNS, firewall, outbound proxy), or correct ${p.variable}.`,
          )
        : ok(`${p.label} sign-in: discovery document of ${p.issuer} fetched`),
    );
  }
  if (config.google.clientIds.length > 0 && !config.google.clientSecret)
    out.push(
      warn(
        'Google sign-in: GOOGLE_CLIENT_SECRET is not set: the dashboard cannot sign in with Google (the iOS app can)',
        'Set GOOGLE_CLIENT_SECRET to the web client secret from the Google Cloud console.',
      ),
    );
  return out;
}

/** What is wrong with an issuer's discovery document, in words, or undefined when it is right. */
async function discoveryProblem(issuer: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(DOCTOR_TIMEOUT_MS),
    });
    if (!res.ok) return `answered HTTP ${res.status}`;
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== issuer) return `names another issuer (${String(doc.issuer)})`;
    if (typeof doc.jwks_uri !== 'string') return 'has no jwks_uri';
    return undefined;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return `did not answer within ${DOCTOR_TIMEOUT_MS} ms`;
    return `could not be fetched: ${describeFailure(err)}`;
  }
}
