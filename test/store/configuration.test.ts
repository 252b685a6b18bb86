import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {readConfiguration} from '../../source/store/configuration.js';

async function brokenFile(withBackup: boolean): Promise<string> {
	const folder = await mkdtemp(path.join(tmpdir(), 'k2-config-'));
	const file = path.join(folder, 'configuration.json');
	await writeFile(file, '{"schemaVersion": 1,');
	if (withBackup) {
		await writeFile(`${file}.bak`, '{}');
	}

	return file;
}

test('a broken configuration with a backup beside it says to restore that', async () => {
	const file = await brokenFile(true);
	await expect(readConfiguration(file)).rejects.toThrow(
		`${file}: is not valid JSON; restore it from ${file}.bak or delete it.`,
	);
});

test('a broken configuration with no backup suggests none', async () => {
	const file = await brokenFile(false);
	await expect(readConfiguration(file)).rejects.toThrow(
		`${file}: is not valid JSON; correct it or delete it (there is no backup beside it).`,
	);
});

test('a configuration of the wrong shape gets the same advice', async () => {
	const file = await brokenFile(false);
	await writeFile(file, '{"schemaVersion": 2}');
	await expect(readConfiguration(file)).rejects.toThrow(
		/does not match the configuration format .*; correct it or delete it \(there is no backup beside it\)\.$/,
	);
});
