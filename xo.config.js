/*
Lint settings. xo's defaults stand except where they fight a decision this
project made on purpose; each exception says which.
*/
const config = [
	{
		prettier: true,
		react: true,
		rules: {
			// React 19 with the automatic JSX runtime (tsconfig "jsx":
			// "react-jsx"): components never import React for JSX.
			'react/react-in-jsx-scope': 'off',
			// The contract's JSON (detect --json, the configuration) has null
			// values, so its types do too.
			'@typescript-eslint/no-restricted-types': [
				'error',
				{types: {object: {message: 'Use a precise type.'}}},
			],
			// TypeScript's noPropertyAccessFromIndexSignature wants
			// process.env['NAME']; the two rules cannot both be satisfied.
			'@typescript-eslint/dot-notation': 'off',
			// Components are named as Ink names its own: Box.tsx, Text.tsx.
			'unicorn/filename-case': [
				'error',
				{cases: {kebabCase: true, pascalCase: true}},
			],
			// Keys spelled by the contract and by Exchange: "Exchange EWS URL",
			// Impersonate, MSExchangeIS.
			'@typescript-eslint/naming-convention': 'off',
			// It rewrites /AccessDenied/i as /accessdenied/i: shorter, and
			// harder to match against the error ids Exchange prints.
			'unicorn/better-regex': 'off',
		},
	},
	{
		files: ['test/**', 'bench/**'],
		rules: {
			// Reading one field of an awaited result is the clearest way to
			// say what a test checks.
			'unicorn/no-await-expression-member': 'off',
			// Vitest types its asymmetric matchers (expect.stringMatching and
			// the like) as any, and a test compares whole values with them.
			'@typescript-eslint/no-unsafe-assignment': 'off',
		},
	},
];

export default config;
