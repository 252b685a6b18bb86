import {spawn} from 'node:child_process';
import {mkdtemp, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {build} from 'esbuild';
import {beforeAll, describe, expect, test} from 'vitest';
import {
	serializeAnswers,
	saveAnswers,
} from '../../source/store/answers-file.js';
import {writeFileAtomic} from '../../source/store/atomic.js';
import {
	ConfigurationError,
	readConfiguration,
	serializeConfiguration,
	writeConfiguration,
} from '../../source/store/configuration.js';
import {createPlan} from '../../source/plan/plan.js';
import {largeDocument} from '../helpers/large-document.js';
import {permissionsOf} from '../helpers/permissions.js';

let directory: string;
beforeAll(async () => {
	directory = await mkdtemp(path.join(tmpdir(), 'store-'));
});

const off = createPlan({answers: {useExchange: false}});
const skipped = createPlan({answers: {useExchange: false}, skippedReason: 'x'});

describe('writeConfiguration', () => {
	test('a first write creates the file and has no backup', async () => {
		const file = path.join(directory, 'first', 'configuration.json');
		await expect(writeConfiguration(file, off)).resolves.toEqual({
			changed: true,
			backupPath: null,
		});
		await expect(readConfiguration(file)).resolves.toEqual(off);
	});

	test('the same document again writes nothing', async () => {
		const file = path.join(directory, 'same.json');
		await writeConfiguration(file, off);
		const before = await stat(file);
		await expect(writeConfiguration(file, off)).resolves.toEqual({
			changed: false,
			backupPath: null,
		});
		expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
	});

	test('a changed document keeps the previous file as .bak', async () => {
		const file = path.join(directory, 'changed.json');
		await writeConfiguration(file, off);
		await expect(writeConfiguration(file, skipped)).resolves.toEqual({
			changed: true,
			backupPath: `${file}.bak`,
		});
		expect(await readFile(`${file}.bak`, 'utf8')).toBe(
			serializeConfiguration(off),
		);
		await expect(readConfiguration(file)).resolves.toEqual(skipped);
		expect(
			(await readdir(directory)).filter(name => name.endsWith('.tmp')),
		).toEqual([]);
	});

	test('a file that is not a configuration is refused with its path', async () => {
		const file = path.join(directory, 'broken.json');
		await writeFile(file, '{"schemaVersion": 2}');
		await expect(readConfiguration(file)).rejects.toThrow(ConfigurationError);
		await writeFile(file, '{');
		await expect(readConfiguration(file)).rejects.toThrow(
			`${file}: is not valid JSON`,
		);
	});

	test('a missing file reads as no configuration', async () => {
		await expect(
			readConfiguration(path.join(directory, 'none.json')),
		).resolves.toBeUndefined();
	});
});

/** A file's text, or '' where there is none. */
async function textOf(file: string): Promise<string> {
	try {
		return await readFile(file, 'utf8');
	} catch {
		return '';
	}
}

describe('a writer killed at any moment', () => {
	let script: string;
	beforeAll(async () => {
		script = path.join(directory, 'write-loop.mjs');
		await build({
			entryPoints: [
				path.join(import.meta.dirname, '../fixtures/write-loop.ts'),
			],
			outfile: script,
			bundle: true,
			platform: 'node',
			format: 'esm',
			logLevel: 'warning',
		});
	});

	test('leaves the old or the new configuration, never a partial one', async () => {
		const file = path.join(directory, 'killed', 'configuration.json');
		const expected = new Set(
			['A', 'B'].map(mark => serializeConfiguration(largeDocument(mark, 2000))),
		);
		expect([...expected][0]!.length).toBeGreaterThan(400_000);
		for (let round = 0; round < 20; round++) {
			const child = spawn(process.execPath, [script, file, '2000'], {
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			// eslint-disable-next-line no-await-in-loop
			await new Promise<void>((resolve, reject) => {
				child.stdout.once('data', () => {
					resolve();
				});
				child.once('exit', code => {
					reject(new Error(`the writer exited early with ${code}`));
				});
			});
			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => {
				setTimeout(resolve, Math.random() * 60);
			});
			child.kill('SIGKILL');
			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => {
				child.once('exit', resolve);
			});
			// eslint-disable-next-line no-await-in-loop
			const left = await readFile(file, 'utf8');
			expect(expected.has(left), `round ${round}`).toBe(true);
			// eslint-disable-next-line no-await-in-loop
			const backup = await textOf(`${file}.bak`);
			expect(backup === '' || expected.has(backup), `backup ${round}`).toBe(
				true,
			);
		}
	});
});

describe('saveAnswers', () => {
	test('writes the answers owner-only, in schema order', async () => {
		const file = path.join(directory, 'answers.json');
		await saveAnswers(file, {server: 'exch01.contoso.com', useExchange: true});
		expect(await readFile(file, 'utf8')).toBe(
			'{\n  "useExchange": true,\n  "server": "exch01.contoso.com"\n}\n',
		);
		expect(await permissionsOf(file)).toBe(0o600);
	});

	test('keeps the previous answers owner-only too', async () => {
		const file = path.join(directory, 'answers.json');
		await saveAnswers(file, {useExchange: true});
		await writeFileAtomic(file, '{}\n', {ownerOnly: true, backup: true});
		expect(await permissionsOf(file)).toBe(0o600);
		expect(await permissionsOf(`${file}.bak`)).toBe(0o600);
	});

	test('cannot carry a field the schema does not have', () => {
		// Not a literal in the call, so the compiler lets the extra key by.
		const answers = {useExchange: true, password: 'hunter2'};
		expect(serializeAnswers(answers)).not.toContain('hunter2');
	});
});
