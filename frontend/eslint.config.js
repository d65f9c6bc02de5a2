import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * The walls (bulletproof-react): a feature imports only itself and the shared code (api/, lib/,
 * components/, locales/); what two features share moves to lib/ or components/, and a page that
 * composes two features lives in app/. Shared code imports no feature and not app/.
 */
const walls = [
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message: 'A feature does not import another feature: move what they share to src/lib or src/components.',
  })),
  {
    target: './src/features',
    from: './src/app',
    message: 'Features do not import the app shell.',
  },
  {
    target: ['./src/api', './src/lib', './src/components', './src/locales'],
    from: ['./src/features', './src/app'],
    message: 'Shared code does not import features or the app shell.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { import: importPlugin, 'react-hooks': reactHooks },
    settings: {
      // resolve relative imports of .ts/.tsx files, so that the zones below see where they point
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import/no-restricted-paths': ['error', { zones: walls }],
      // as tsc's noUnusedLocals/noUnusedParameters: a leading _ marks a value left out on purpose
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // the browser suites run in Node and hand functions to the page (page.evaluate)
    files: ['e2e/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
