// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Lint, and the layering of ARCHITECTURE.md as rules, so it holds without anyone
 * remembering it: each layer names what it may not import (`@typescript-eslint/no-restricted-imports`,
 * type-only imports allowed).
 * Formatting is Prettier's (`.prettierrc`); this config turns off what Prettier owns.
 */
const forbid = (...groups) =>
  /** @type {const} */ ([
    'error',
    // types may cross layers (a presenter maps a repository's row type); values may not
    { patterns: groups.map(([group, message]) => ({ group: [group].flat(), message, allowTypeImports: true })) },
  ]);

const ROUTES = [['**/routes/**', '**/*.routes.ts'], 'Routes are the outermost layer: nothing imports them but app.ts.'];
const PLUGINS = [
  ['**/plugins/**', '**/*.plugin.ts'],
  'Plugins wire the app together; inner layers do not depend on them.',
];
const SERVICES = [['**/services/**', '**/*.service.ts'], 'Use cases sit above this layer.'];
const REPOSITORIES = [
  ['**/repositories/**', '**/*.repository.ts'],
  'Queries belong to services and routes, not to this layer.',
];
const DB = ['**/db/**', 'The database is reached through repositories.'];
const FEATURES = ['auth', 'health', 'account', 'admin'];
const PRESENTERS = ['**/presenters/**', 'Presenters shape API answers; this layer returns domain rows.'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'web/dist/',
      'dist/',
      'client/schema.d.ts',
      'test-results/',
      'bench/results/',
      'data/',
      // the iOS app's own packages and what its tools generate
      'mobile/node_modules/',
      'mobile/dist-ios/',
      'mobile/dist-web/',
      'mobile/ios/',
      'mobile/android/',
      'mobile/.expo/',
      'mobile/expo-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // ---- the server's layers point one way: routes → services → repositories → db ----
  {
    files: ['contract/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(
        ['**/server/**', 'The contract is shared by server and clients; it imports neither.'],
        ['**/web/**', 'The contract imports no client.'],
      ),
    },
  },
  {
    files: ['server/db/**'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid(ROUTES, PLUGINS, SERVICES, REPOSITORIES, PRESENTERS) },
  },
  {
    files: ['server/repositories/**', 'server/**/*.repository.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid(ROUTES, PLUGINS, SERVICES, PRESENTERS) },
  },
  {
    files: ['server/policies/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(ROUTES, PLUGINS, SERVICES, REPOSITORIES, DB, PRESENTERS),
    },
  },
  // a kind of health data is a description and pure rules: it reaches no database, service or route
  {
    files: [
      'server/health/kind.ts',
      'server/health/kinds/**',
      'server/health/health-kinds.ts',
      'server/health/health-fields.ts',
      'server/health/secrets.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(ROUTES, PLUGINS, SERVICES, REPOSITORIES, DB, PRESENTERS),
    },
  },
  {
    files: ['server/presenters/**'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid(ROUTES, PLUGINS, SERVICES, REPOSITORIES) },
  },
  {
    files: ['server/lib/**'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid(ROUTES, PLUGINS, SERVICES, PRESENTERS) },
  },
  {
    files: ['server/services/**', 'server/**/*.service.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid(ROUTES, PLUGINS, PRESENTERS) },
  },
  // ---- the dashboard: shared → features → app; features never import each other ----
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['web/src/components/**', 'web/src/lib/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(
        ['**/features/**', 'Shared code does not know the features.'],
        ['**/app/**', 'Shared code does not know the app frame.'],
      ),
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`web/src/features/${feature}/**`],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(
        [
          FEATURES.filter((f) => f !== feature).flatMap((f) => [
            `**/features/${f}/**`,
            `../${f}/**`,
            `../../${f}/**`,
            `../../../${f}/**`,
          ]),
          'Features never import each other: move what they share to components/ or lib/.',
        ],
        ['**/app/**', 'Features do not import the app frame; the router imports them.'],
      ),
    },
  })),
  // ---- the iOS app (mobile/, a package of its own): hooks as in the dashboard; its tools' config files are CommonJS ----
  {
    files: ['mobile/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // babel.config.js, jest.config.js, metro.config.js, test/environment.js: read by Node with require()
    files: ['mobile/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: Object.fromEntries(
        [
          'require',
          'module',
          'exports',
          '__dirname',
          '__filename',
          'process',
          'console',
          'fetch',
          'Request',
          'Response',
          'Headers',
          'FormData',
          'AbortController',
          'AbortSignal',
          'Blob',
          'URL',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['client/**'],
    ignores: ['client/openapi-document.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(
        ['**/web/**', 'The client is shared by the dashboard and the app.'],
        ['**/server/**', 'The client speaks HTTP; it imports no server code.'],
      ),
    },
  },
  prettier,
);
