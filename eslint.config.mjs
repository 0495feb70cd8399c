import angular from '@angular-eslint/eslint-plugin';
import angularTemplate from '@angular-eslint/eslint-plugin-template';
import angularTemplateParser from '@angular-eslint/template-parser';
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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

// Only libs/imap talks to imapflow: it turns its errors into our own vocabulary.
const noImapflow = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'imapflow', message: 'Only libs/imap imports imapflow: use @btsx/imap.' }],
      patterns: [{ group: ['imapflow/*'], message: 'Only libs/imap imports imapflow.' }],
    },
  ],
};

// The contracts barrel evaluates the class-validator payload classes; the browser (and the
// CLI, which then needs no reflect-metadata) takes values from the decorator-free core.
const noValidationValues = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: '@btsx/contracts',
          allowTypeImports: true,
          message:
            'Import values from @btsx/contracts/core (the barrel loads class-validator); `import type` is fine.',
        },
      ],
    },
  ],
};

// The core of the contracts loads nothing with decorators: from outside core/ it takes types only.
const coreStaysCore = (outside) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['class-validator', 'class-transformer'],
          message: 'contracts/core is decorator-free: put the class outside core/.',
        },
        {
          regex: outside,
          allowTypeImports: true,
          message: 'contracts/core takes only types from outside core/ (the payload classes).',
        },
      ],
    },
  ],
});

export default [
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'tmp/**',
      'test-output/**',
      '.nx/**',
      '.angular/**',
      '**/*.js',
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
  { files: ['apps/**/*.ts'], rules: noImapflow },
  { files: ['apps/web/**/*.ts', 'apps/cli/**/*.ts'], rules: noValidationValues },
  { files: ['libs/contracts/src/core/*.ts'], rules: coreStaysCore('^\\.\\./') },
  { files: ['libs/contracts/src/core/*/*.ts'], rules: coreStaysCore('^\\.\\./\\.\\./') },

  // The web app: Angular's own rules (standalone, OnPush, inject(), one selector prefix), in
  // the browser; templates, inline ones included, with the template and accessibility rules.
  {
    files: ['apps/web/**/*.ts'],
    plugins: { '@angular-eslint': angular, '@angular-eslint/template': angularTemplate },
    processor: angularTemplate.processors['extract-inline-html'],
    languageOptions: { globals: globals.browser },
    rules: {
      ...angular.configs.recommended.rules,
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'btsx', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'btsx', style: 'camelCase' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  {
    files: ['apps/web/**/*.html'],
    plugins: { '@angular-eslint/template': angularTemplate },
    languageOptions: { parser: angularTemplateParser },
    rules: {
      ...angularTemplate.configs.recommended.rules,
      ...angularTemplate.configs.accessibility.rules,
    },
  },

  // Node scripts (npm start, the test runner, the bin, tooling): ES modules on Node.
  {
    files: ['**/*.mjs'],
    ...js.configs.recommended,
    languageOptions: { globals: globals.node, sourceType: 'module', ecmaVersion: 'latest' },
  },
  prettier,
];
