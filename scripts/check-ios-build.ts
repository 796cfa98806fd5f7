import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureMobilePackages, expoEnv, MOBILE, runExpo, seconds } from './expo.ts';

/**
 * `npm run test:ios-build`: what can be proved about the iOS app without a Mac. It bundles the
 * app for iOS as a release build does (`expo export --platform ios`: Hermes bytecode, no source
 * maps) and generates the native project (`expo prebuild --platform ios`, in a temporary copy
 * of mobile/ so that no mobile/ios/ is left behind or overwritten), then reads the generated
 * files for what the app needs from Apple: Sign in with Apple and the associated domains in the
 * entitlements, the `baseline` URL scheme (and Google's) in Info.plist, the bundle id given.
 * Compiling the native project, the Keychain and Apple's sheets need a Mac (README, "The iOS app").
 */

/** The build-time values a server's owner would give (README), and what each must produce. */
export const EXPECTED = {
  domain: 'baseline.example.org',
  bundleId: 'org.example.baseline',
  googleIosClientId: '123456789012-baselinecheck.apps.googleusercontent.com',
  /** Google returns to the reversed client id as a URL scheme */
  googleScheme: 'com.googleusercontent.apps.123456789012-baselinecheck',
};

/** The build environment of the check: the variables README tells a server's owner to set. */
export function buildEnv(): NodeJS.ProcessEnv {
  return expoEnv({
    BASELINE_SERVER_DOMAIN: EXPECTED.domain,
    BASELINE_IOS_BUNDLE_ID: EXPECTED.bundleId,
    EXPO_PUBLIC_GOOGLE_IOS_CLIENT_ID: EXPECTED.googleIosClientId,
  });
}

/** The template of Expo SDK 56: expo@56.0.23's own prebuild template is SDK 57's. */
export const PREBUILD_TEMPLATE = 'expo-template-bare-minimum@56.0.37';

/** The first bytes of a Hermes bytecode file (the magic number 0x1F1903C103BC1FC6, little-endian). */
const HERMES_MAGIC = Buffer.from([0xc6, 0x1f, 0xbc, 0x03, 0xc1, 0x03, 0x19, 0x1f]);

/** One assertion on the build output: what was expected and, when it is not there, what was found. */
export interface Check {
  what: string;
  ok: boolean;
  found?: string;
}

function check(what: string, ok: boolean, found?: unknown): Check {
  return ok ? { what, ok } : { what, ok, found: typeof found === 'string' ? found : JSON.stringify(found) };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function firstBytes(path: string, count: number): Buffer {
  const buffer = Buffer.alloc(count);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, count, 0);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/** Bundles the app in `projectDir` for iOS into `outDir`, as a release build does. */
export async function exportIos(projectDir: string, outDir: string): Promise<void> {
  await runExpo(['export', '--platform', 'ios', '--output-dir', outDir], { cwd: projectDir, env: buildEnv() });
}

/**
 * The layout `expo export --platform ios` leaves, read as the app's updates and Xcode's bundle
 * step read it: metadata.json names one .hbc bundle under _expo/static/js/ios/ that is Hermes
 * bytecode (not JavaScript), every asset it names exists, and no source map was written.
 */
export function checkExport(outDir: string): Check[] {
  const metadataPath = join(outDir, 'metadata.json');
  if (!existsSync(metadataPath)) return [check('dist has metadata.json', false, readdirSync(outDir))];
  const metadata = JSON.parse(readFileSync(metadataPath, 'utf8')) as {
    fileMetadata?: { ios?: { bundle?: string; assets?: { path: string; ext: string }[] } };
  };
  const ios = metadata.fileMetadata?.ios;
  const bundle = ios?.bundle ?? '';
  const bundlePath = join(outDir, bundle);
  const all = files(outDir).map((f) => f.slice(outDir.length + 1));
  const checks = [
    check('metadata.json names an iOS bundle', Boolean(bundle), metadata.fileMetadata),
    check('the bundle is _expo/static/js/ios/*.hbc', /^_expo\/static\/js\/ios\/[^/]+\.hbc$/.test(bundle), bundle),
    check('the bundle file exists', Boolean(bundle) && existsSync(bundlePath), all),
  ];
  if (bundle && existsSync(bundlePath)) {
    const head = firstBytes(bundlePath, HERMES_MAGIC.length);
    checks.push(
      check(
        'the bundle is Hermes bytecode (magic c6 1f bc 03 c1 03 19 1f)',
        head.equals(HERMES_MAGIC),
        `first bytes ${head.toString('hex')} (${JSON.stringify(head.toString('latin1'))})`,
      ),
      check('the bundle is not empty (> 100 kB)', statSync(bundlePath).size > 100_000, statSync(bundlePath).size),
    );
  }
  const missing = (ios?.assets ?? []).filter((a) => !existsSync(join(outDir, a.path)));
  checks.push(
    check('the bundle has assets and every one exists', (ios?.assets?.length ?? 0) > 0 && missing.length === 0, {
      assets: ios?.assets?.length ?? 0,
      missing,
    }),
    check(
      'no source maps and no JavaScript bundle beside the bytecode',
      !all.some((f) => f.endsWith('.map') || f.endsWith('.js')),
      all.filter((f) => f.endsWith('.map') || f.endsWith('.js')),
    ),
  );
  return checks;
}

/**
 * A copy of the app project in `dir` (sources, config, assets; its node_modules linked, not
 * copied) for `expo prebuild` to write ios/ into, so mobile/ios/ of whoever runs the check is
 * neither created nor overwritten.
 */
export function copyProject(projectDir: string, dir: string): string {
  const skip = new Set(['node_modules', 'ios', 'android', 'dist-ios', 'dist-web', '.expo', 'test']);
  cpSync(projectDir, dir, { recursive: true, filter: (src) => src === projectDir || !skip.has(basename(src)) });
  symlinkSync(join(projectDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Generates the native iOS project into `projectDir`/ios from the app's config. */
export async function prebuildIos(projectDir: string): Promise<void> {
  await runExpo(['prebuild', '--platform', 'ios', '--no-install', '--template', PREBUILD_TEMPLATE], {
    cwd: projectDir,
    env: buildEnv(),
  });
}

type Plist = Record<string, unknown>;
/** Expo's own plist reader (mobile/'s packages), the one prebuild wrote the files with. */
function readPlist(path: string): Plist {
  const require = createRequire(join(MOBILE, 'package.json'));
  const plist = require('@expo/plist') as { default: { parse(xml: string): unknown } };
  return plist.default.parse(readFileSync(path, 'utf8')) as Plist;
}

/**
 * What the generated ios/ must say for Sign in with Apple, universal invite links, saved
 * passwords and Google's return to the app to work once built on a Mac.
 */
export function checkPrebuild(iosDir: string): Check[] {
  if (!existsSync(iosDir)) return [check('prebuild wrote ios/', false, 'no ios/ folder')];
  const all = files(iosDir).map((f) => f.slice(iosDir.length + 1));
  const entitlementsFile = all.find((f) => /^[^/]+\/[^/]+\.entitlements$/.test(f));
  const infoPlistFile = all.find((f) => /^[^/]+\/Info\.plist$/.test(f));
  const pbxproj = all.find((f) => /^[^/]+\.xcodeproj\/project\.pbxproj$/.test(f));
  const checks = [
    check('ios/<app>/<app>.entitlements exists', Boolean(entitlementsFile), all),
    check('ios/<app>/Info.plist exists', Boolean(infoPlistFile), all),
    check('ios/<app>.xcodeproj/project.pbxproj exists', Boolean(pbxproj), all),
  ];
  if (entitlementsFile) {
    const e = readPlist(join(iosDir, entitlementsFile));
    const apple = e['com.apple.developer.applesignin'];
    const domains = e['com.apple.developer.associated-domains'];
    checks.push(
      check(
        'entitlements: com.apple.developer.applesignin = [Default] (Sign in with Apple)',
        Array.isArray(apple) && apple.includes('Default'),
        e,
      ),
      check(
        `entitlements: com.apple.developer.associated-domains has applinks:${EXPECTED.domain} (invite links open the app)`,
        Array.isArray(domains) && domains.includes(`applinks:${EXPECTED.domain}`),
        e,
      ),
      check(
        `entitlements: com.apple.developer.associated-domains has webcredentials:${EXPECTED.domain} (saved passwords)`,
        Array.isArray(domains) && domains.includes(`webcredentials:${EXPECTED.domain}`),
        e,
      ),
    );
  }
  if (infoPlistFile) {
    const info = readPlist(join(iosDir, infoPlistFile));
    const types = Array.isArray(info.CFBundleURLTypes) ? (info.CFBundleURLTypes as Plist[]) : [];
    const schemes = types.flatMap((t) => (Array.isArray(t.CFBundleURLSchemes) ? t.CFBundleURLSchemes : []));
    checks.push(
      check(
        'Info.plist: CFBundleURLSchemes has baseline (baseline://register?invite=…)',
        schemes.includes('baseline'),
        {
          CFBundleURLTypes: info.CFBundleURLTypes,
        },
      ),
      check(
        `Info.plist: CFBundleURLSchemes has ${EXPECTED.googleScheme} (Google's reversed iOS client id)`,
        schemes.includes(EXPECTED.googleScheme),
        { CFBundleURLTypes: info.CFBundleURLTypes },
      ),
      check(
        'Info.plist: CFBundleIdentifier is the build setting $(PRODUCT_BUNDLE_IDENTIFIER)',
        info.CFBundleIdentifier === '$(PRODUCT_BUNDLE_IDENTIFIER)',
        info.CFBundleIdentifier,
      ),
    );
  }
  if (pbxproj) {
    const project = readFileSync(join(iosDir, pbxproj), 'utf8');
    const ids = [...project.matchAll(/PRODUCT_BUNDLE_IDENTIFIER = "?([^";]+)"?;/g)].map((m) => m[1]);
    const entitlements = [...project.matchAll(/CODE_SIGN_ENTITLEMENTS = "?([^";]+)"?;/g)].map((m) => m[1]);
    checks.push(
      check(
        `project.pbxproj: every PRODUCT_BUNDLE_IDENTIFIER is ${EXPECTED.bundleId}`,
        ids.length > 0 && ids.every((id) => id === EXPECTED.bundleId),
        ids,
      ),
      check(
        'project.pbxproj: CODE_SIGN_ENTITLEMENTS names the entitlements file',
        entitlements.length > 0 && entitlements.every((p) => p === entitlementsFile),
        entitlements,
      ),
    );
  }
  const podProperties = join(iosDir, 'Podfile.properties.json');
  const engine = existsSync(podProperties)
    ? (JSON.parse(readFileSync(podProperties, 'utf8')) as Record<string, string>)['expo.jsEngine']
    : undefined;
  checks.push(check('Podfile.properties.json: expo.jsEngine is hermes', engine === 'hermes', engine ?? 'missing'));
  return checks;
}

/** Prints each check; returns the ones that failed. */
function report(title: string, checks: Check[]): Check[] {
  console.log(title);
  for (const c of checks) console.log(`  ${c.ok ? '✓' : '✗'} ${c.what}${c.ok ? '' : `\n      found: ${c.found}`}`);
  return checks.filter((c) => !c.ok);
}

/** The whole check, with timings; returns 1 after naming each thing missing (or the step that failed). */
export async function main(): Promise<number> {
  ensureMobilePackages();
  const work = mkdtempSync(join(tmpdir(), 'baseline-ios-build-'));
  const failed: Check[] = [];
  const started = Date.now();
  console.log(
    `iOS build check (BASELINE_SERVER_DOMAIN=${EXPECTED.domain} BASELINE_IOS_BUNDLE_ID=${EXPECTED.bundleId})`,
  );
  try {
    let t = Date.now();
    await exportIos(MOBILE, join(work, 'dist-ios'));
    failed.push(...report(`expo export --platform ios (${seconds(t)})`, checkExport(join(work, 'dist-ios'))));
    t = Date.now();
    const copy = copyProject(MOBILE, join(work, 'app'));
    await prebuildIos(copy);
    failed.push(
      ...report(
        `expo prebuild --platform ios --template ${PREBUILD_TEMPLATE} (${seconds(t)})`,
        checkPrebuild(join(copy, 'ios')),
      ),
    );
  } catch (err) {
    failed.push(check('the build ran', false, err instanceof Error ? err.message : err));
    console.error(err instanceof Error ? err.message : err);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (failed.length) {
    console.error(`\niOS build check FAILED after ${seconds(started)}: ${failed.length} missing:`);
    for (const c of failed) console.error(`  ✗ ${c.what}`);
    return 1;
  }
  console.log(`iOS build check passed in ${seconds(started)}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
