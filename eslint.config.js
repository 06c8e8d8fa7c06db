import js from '@eslint/js'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const rawDatabase = {
  paths: [{ name: '@prisma/client', message: 'Tenant data goes through the tenancy door (t.db).' }],
  patterns: [
    {
      group: ['~/lib/db.server', '**/lib/db.server'],
      message: 'Tenant data goes through the tenancy door (t.db).',
      allowTypeImports: true,
    },
    {
      group: ['~/generated/prisma/client', '**/generated/prisma/client'],
      message: 'Tenant data goes through the tenancy door (t.db).',
      allowTypeImports: true,
    },
  ],
}

export default tseslint.config(
  {
    ignores: ['build/**', 'node_modules/**', 'app/generated/**', '.data/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: { react: { version: '18.3' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react/jsx-key': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Routes and domain modules never hold the raw client: STYLE.md, "One door to tenant data".
    files: ['app/routes/**/*.{ts,tsx}', 'app/domain/**/*.{ts,tsx}', 'app/ui/**/*.{ts,tsx}', 'emails/**/*.{ts,tsx}'],
    ignores: ['app/**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', rawDatabase] },
  },
)
