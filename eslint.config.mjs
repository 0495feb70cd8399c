import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Two axes of tags: scope:* says who owns a project, type:* what it may depend on.
// Apps never import apps; contracts depend on nothing; only tests reach libs/testing.
// libs/runner starts the built services as processes (`npm start`, the bench, the tests):
// it depends on no lib, and no app reaches it.
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:imap', 'type:util'],
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:imap', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:runner', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:imap', 'type:runner'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: [
      'type:contracts',
      'type:platform',
      'type:imap',
      'type:runner',
      'type:testing',
    ],
  },
];
const boundaries = (constraints) => ({
  '@nx/enforce-module-boundaries': [
    'error',
    { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints },
  ],
});
const testConstraints = depConstraints.map((c) =>
  ['type:app', 'type:platform', 'type:imap'].includes(c.sourceTag)
    ? {
        ...c,
        onlyDependOnLibsWithTags: [
          ...c.onlyDependOnLibsWithTags,
          'type:testing',
          'type:runner',
          'type:contracts',
          'type:platform',
          'type:imap',
        ],
      }
    : c,
);

export default [
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'tmp/**',
      'test-output/**',
      '.nx/**',
      '.angular/**',
      'apps/web/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  { plugins: { '@nx': nx } },
  {
    files: ['**/*.ts'],
    rules: {
      ...boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: boundaries(testConstraints),
  },
  prettier,
];
