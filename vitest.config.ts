import path from 'node:path';
import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// The pseudo-terminal tests run the bundle in dist/; rebuild it when
		// it is older than the sources (npm test has just built it).
		globalSetup: ['test/helpers/ensure-build.ts'],
		// Whole-screen snapshots live in snapshots/, one folder per test file,
		// so they can be read and reviewed without digging through test/.
		resolveSnapshotPath: (testPath, extension) =>
			path.join(
				import.meta.dirname,
				'snapshots',
				path.relative(path.join(import.meta.dirname, 'test'), testPath) +
					extension,
			),
	},
});
