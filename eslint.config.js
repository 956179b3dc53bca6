import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'tmp/', 'out/', 'bench-results/', 'unity-project/Library/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The CLI speaks one language: a bad option value is ClonedPersonError('E_USAGE') from
    // cli/option-checks.ts (a bare Error is reported as E_INTERNAL, exit 70), and commands get the
    // environment, the terminal and the streams from CliIo: only main.ts touches `process`.
    // (no-restricted-syntax also covers `import process`, leaving no-restricted-imports to others.)
    files: ['orchestrator/src/cli/**/*.ts'],
    ignores: ['orchestrator/src/cli/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ThrowStatement > :matches(NewExpression, CallExpression)[callee.name=/^(Error|TypeError|RangeError|SyntaxError)$/]',
          message: 'Throw a ClonedPersonError (option values: usageError and the checks in cli/option-checks.ts); the runner reports bare errors as E_INTERNAL (exit 70).',
        },
        {
          selector: 'ImportDeclaration[source.value=/^(node:)?process$/]',
          message: 'Commands get env, streams and the terminal width through CliIo; only cli/main.ts uses process.',
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Commands get env, streams and the terminal width through CliIo; only cli/main.ts uses process.' }],
    },
  },
  {
    // Tests and developer scripts may print and use looser typing around fixtures.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
);
