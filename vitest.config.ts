import path from 'node:path';
import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
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
