import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	locatePowerShell,
	powerShellCandidates,
} from '../../../source/environment/powershell/locate.js';

const home = '/home/admin';

describe('which powershell to run', () => {
	test('an explicit executable wins over everything', () => {
		expect(
			powerShellCandidates({
				executable: '/opt/pwsh',
				env: {NODE_POWERSHELL: '/usr/bin/pwsh'},
				platform: 'linux',
			}),
		).toEqual(['/opt/pwsh']);
	});

	test('NODE_POWERSHELL comes next', () => {
		expect(
			powerShellCandidates({
				env: {NODE_POWERSHELL: String.raw`C:\PS7\pwsh.exe`},
				platform: 'win32',
			}),
		).toEqual([String.raw`C:\PS7\pwsh.exe`]);
	});

	test('windows prefers pwsh and falls back to windows powershell', () => {
		expect(powerShellCandidates({env: {}, platform: 'win32'})).toEqual([
			'pwsh.exe',
			'powershell.exe',
		]);
	});

	test('elsewhere pwsh on the path, then the dotnet global tool', () => {
		expect(
			powerShellCandidates({env: {}, platform: 'linux', homedir: home}),
		).toEqual(['pwsh', path.join(home, '.dotnet', 'tools', 'pwsh')]);
	});

	test('finds an executable on the path and skips files that are not', () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'k2-locate-'));
		const plain = path.join(directory, 'plain');
		fs.writeFileSync(path.join(directory, 'pwsh'), '#!/bin/sh\n', {
			mode: 0o755,
		});
		fs.mkdirSync(plain);
		fs.writeFileSync(path.join(plain, 'pwsh'), 'not executable', {mode: 0o644});
		const found = locatePowerShell({
			env: {PATH: [plain, directory].join(':')},
			platform: 'linux',
			homedir: directory,
		});
		expect(found).toBe(path.join(directory, 'pwsh'));
		fs.rmSync(directory, {recursive: true});
	});

	test('says nothing was found rather than guessing', () => {
		expect(
			locatePowerShell({
				env: {PATH: '/nonexistent'},
				platform: 'linux',
				homedir: '/nonexistent',
			}),
		).toBeUndefined();
		expect(
			locatePowerShell({executable: '/nonexistent/pwsh', platform: 'linux'}),
		).toBeUndefined();
	});
});
