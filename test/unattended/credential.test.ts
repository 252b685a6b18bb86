import type {Buffer} from 'node:buffer';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {expect, test} from 'vitest';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import type {Protect} from '../../source/store/credential.js';
import {pathsBeside, type Paths} from '../../source/store/paths.js';
import {runUnattended} from '../../source/unattended/run.js';
import {permissionsOf} from '../helpers/permissions.js';
import {freshHome} from '../helpers/run-cli.js';

const canary = 'Canary-41d2-P@ssw0rd';

/** A Static run of contoso-2019 with this password protection. */
async function runStatic(
	paths: Paths,
	protect: Protect,
	output: {stdout: PassThrough; stderr: PassThrough},
) {
	return runUnattended({
		answers: {
			useExchange: true,
			email: 'k2svc@contoso.com',
			authentication: 'static',
			serviceAccount: String.raw`CONTOSO\svc-k2`,
		},
		origins: {},
		paths,
		existing: undefined,
		reconfigure: false,
		createEnvironment: async () =>
			createSimulatedEnvironment(await loadScenario('contoso-2019')),
		password: canary,
		protect,
		json: true,
		ascii: false,
		signal: new AbortController().signal,
		...output,
	});
}

test('where protection exists, only the protected password is stored', async () => {
	const home = await freshHome();
	const paths = pathsBeside(path.join(home, 'configuration.json'));
	const protectedForm = 'AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA';
	const given: string[] = [];
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
	};

	stdout.on('data', collect);
	stderr.on('data', collect);

	const code = await runStatic(
		paths,
		async plain => {
			given.push(plain);
			return {ok: true, value: protectedForm};
		},
		{stdout, stderr},
	);
	expect(code, output).toBe(0);
	expect(given).toEqual([canary]);
	expect(JSON.parse(await readFile(paths.credential, 'utf8'))).toEqual({
		account: String.raw`CONTOSO\svc-k2`,
		password: {protection: 'dpapi', data: protectedForm},
	});
	expect(await permissionsOf(paths.credential)).toBe(0o600);
	const configuration = await readFile(paths.configuration, 'utf8');
	expect(JSON.parse(configuration).serviceInstances[0]).toMatchObject({
		authentication: 'Static',
		settings: {'User ID': String.raw`CONTOSO\svc-k2`},
	});
	expect(output).not.toContain(canary);
	for (const name of await readdir(home)) {
		// eslint-disable-next-line no-await-in-loop
		const text = await readFile(path.join(home, name), 'utf8');
		expect(text, name).not.toContain(canary);
	}
});

test('a credential that cannot be written leaves no configuration that needs it', async () => {
	const home = await freshHome();
	const paths = {
		...pathsBeside(path.join(home, 'configuration.json')),
		// A folder where the credential file should be: its write fails.
		credential: home,
	};
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let output = '';
	stderr.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});

	const code = await runStatic(
		paths,
		async () => ({ok: true, value: 'AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA'}),
		{stdout, stderr},
	);
	expect(code).toBe(1);
	expect(output).toContain(`${home}: could not be written`);
	expect(await readdir(home)).toEqual([]);
});
