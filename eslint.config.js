// ESLint for the whole repository (flat config).
//  - LWC (force-app/**/lwc/**/*.ts): @salesforce/eslint-config-lwc "recommended" rules, parsed by
//    typescript-eslint (the config's own Babel parser breaks on type assertions), plus
//    typescript-eslint's recommended rules.
//  - Jest stubs (force-app/test/**/*.js): the same LWC rules on plain JavaScript.
//  - Node code (model, emulator, sidecar, scripts, test): typescript-eslint recommended.
import lwcConfig from '@salesforce/eslint-config-lwc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LWC_TS = ['force-app/**/lwc/**/*.ts'];
const JEST_SUPPORT = ['force-app/test/**/*.js'];
const NODE_TS = ['model/**/*.ts', 'emulator/**/*.ts', 'sidecar/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'];

const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));

export default [
  {
    ignores: [
      '**/node_modules/**',
      'coverage/**',
      '.sf/**',
      '.sfdx/**',
      '.localdevserver/**',
      'model/generated/**',
      'types/generated/**',
      // JavaScript emitted by the LWC build from the TypeScript beside it.
      'force-app/main/default/lwc/*/*.js',
      '**/*.d.ts',
    ],
  },

  ...scoped(lwcConfig.configs.recommended, [...LWC_TS, ...JEST_SUPPORT]),
  ...scoped(tseslint.configs.recommended, [...LWC_TS, ...NODE_TS]),
  {
    files: LWC_TS,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { sourceType: 'module' },
      globals: { ...globals.browser },
    },
    rules: {
      // TypeScript resolves c/*, lightning/* and @salesforce/* (npm run build:lwc type-checks them).
      'import/no-unresolved': 'off',
      'import/named': 'off',
      'import/namespace': 'off',
      'import/default': 'off',
      'import/no-named-as-default-member': 'off',
      // Typed by TypeScript; the JavaScript rule misreads type-only constructs.
      'no-unused-vars': 'off',
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // `void promise;` marks a promise deliberately not awaited (an event handler's fire-and-forget).
      'no-void': ['error', { allowAsStatement: true }],
    },
  },
  {
    files: ['force-app/**/__tests__/**/*.ts'],
    rules: {
      // Tests reach into the shadow root, which TypeScript cannot know is open.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests drive wire adapters directly (adapter.emit) and flush the microtask queue with timers.
      '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off',
      '@lwc/lwc/no-async-operation': 'off',
    },
  },
  {
    files: JEST_SUPPORT,
    languageOptions: { globals: { ...globals.browser, ...globals.jest } },
    rules: { 'import/no-unresolved': 'off' },
  },
  {
    files: NODE_TS,
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];
