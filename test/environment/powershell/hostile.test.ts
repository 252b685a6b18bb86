/*
User text never becomes PowerShell code. Every hostile string travels
through every field that reaches PowerShell, under a real pwsh: scenario
data into the stand-in module, probe arguments, the Exchange server name and
the secret. Each carries a canary command that would create a file; the
values must come back byte for byte and no file may appear.
*/
import {Buffer} from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createPowerShellHost} from '../../../source/environment/powershell/host.js';
import {protectSecret} from '../../../source/environment/powershell/protect-secret.js';
import {createPowerShellService} from '../../../source/environment/powershell/service.js';
import {
	generateStandInModule,
	scenarioQueries,
} from '../../../source/environment/powershell/stand-ins.js';
import {scenarioSchema} from '../../../source/environment/scenario.js';
import {createSimulatedEnvironment} from '../../../source/environment/simulated/index.js';
import {hostileStrings} from '../../helpers/hostile-strings.js';
import {noPwsh, pwsh, testScript} from '../../helpers/pwsh.js';

const canaryDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'k2-canary-'));
const corpus = hostileStrings(canaryDirectory);
const at = (index: number) => corpus[index % corpus.length] ?? '';

const dataScenario = scenarioSchema.parse({
	name: 'hostile-data',
	host: {
		computerName: at(0),
		account: at(1),
		groups: corpus,
		winrm: at(2),
		powershell: {
			version: at(3),
			edition: at(4),
			languageMode: at(5),
			executionPolicy: at(6),
		},
	},
	autodiscover: {scp: corpus},
	exchange: {
		servers: [
			{name: 'EXCH01', fqdn: 'exch01.contoso.com', adminDisplayVersion: at(7)},
			...corpus.map((value, index) => ({
				name: value,
				fqdn: at(index + 11),
				adminDisplayVersion: at(index + 13),
				services: {[value]: at(index + 17)},
				databases: [{name: at(index + 19), storageGroup: at(index + 23)}],
			})),
		],
		roleGroups: Object.fromEntries(
			corpus.map((value, index) => [value, [at(index + 29), at(index + 31)]]),
		),
		roleAssignments: corpus.map((value, index) => ({
			role: value,
			assignee: at(index + 37),
		})),
	},
});

const faultScenario = scenarioSchema.parse({
	name: 'hostile-faults',
	faults: [
		{check: 'winrm', kind: 'error', errorId: at(41), message: at(43)},
		{check: 'account', kind: 'error', errorId: at(47), message: at(53)},
		{check: 'powershell', kind: 'error', errorId: at(59), message: at(61)},
	],
});

describe.skipIf(noPwsh)('hostile strings through real PowerShell', () => {
	const service = createPowerShellService({executable: pwsh});
	beforeAll(async () => {
		await service.start();
	});
	afterAll(async () => {
		await service.dispose();
		fs.rmSync(canaryDirectory, {recursive: true, force: true});
	});

	test('has a corpus of at least 200 distinct hostile strings', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(200);
		expect(new Set(corpus).size).toBe(corpus.length);
	});

	test('the canary command creates its file when it is run as code', async () => {
		const marker = path.join(canaryDirectory, 'positive');
		const result = await service.run(
			testScript(
				'canary',
				`New-Item -ItemType File -Force -Path ${marker} | Out-Null`,
			),
			{},
		);
		expect(result.ok).toBe(true);
		expect(fs.existsSync(marker)).toBe(true);
		fs.rmSync(marker);
	});

	test('scenario data reaches the probes byte for byte', async () => {
		expect(
			(await service.useSeams(generateStandInModule(dataScenario))).ok,
		).toBe(true);
		const host = createPowerShellHost({
			service,
			installMode: dataScenario.host.installMode,
			...scenarioQueries(dataScenario),
		});
		const oracle = createSimulatedEnvironment(dataScenario);
		expect(await host.probeHost()).toEqual(await oracle.probeHost());
		const facts = await host.probeExchange('exch01.contoso.com');
		const expected = await oracle.probeExchange('exch01.contoso.com');
		expect(facts.services).toEqual(expected.services);
		expect(facts.databases).toEqual(expected.databases);
		expect(facts.roleGroups).toEqual(expected.roleGroups);
		expect(facts.roleAssignments).toEqual(expected.roleAssignments);
		expect(
			facts.servers.ok && facts.servers.value.map(server => server.name),
		).toEqual(
			expected.servers.ok && expected.servers.value.map(server => server.name),
		);
		expect(
			facts.servers.ok && facts.servers.value.map(server => server.fqdn),
		).toEqual(
			expected.servers.ok && expected.servers.value.map(server => server.fqdn),
		);
		expect(
			facts.servers.ok &&
				facts.servers.value.map(server => server.adminDisplayVersion),
		).toEqual(
			expected.servers.ok &&
				expected.servers.value.map(server => server.adminDisplayVersion),
		);
		await oracle.dispose();
	});

	test('error ids and messages from faults come back byte for byte', async () => {
		await service.useSeams(generateStandInModule(faultScenario));
		const host = createPowerShellHost({service});
		const facts = await host.probeHost();
		const errorOf = (outcome: {ok: boolean; error?: unknown}) =>
			outcome.ok ? undefined : outcome.error;
		expect(errorOf(facts.winrm)).toMatchObject({
			errorId: at(41),
			message: at(43),
		});
		expect(errorOf(facts.account)).toMatchObject({
			errorId: at(47),
			message: at(53),
		});
		expect(errorOf(facts.powershell)).toMatchObject({
			errorId: at(59),
			message: at(61),
		});
	});

	test('the exchange server argument arrives byte for byte', async () => {
		await service.useSeams(generateStandInModule(faultScenario));
		for (const server of corpus) {
			// Straight to the service: the host would refuse these names in
			// Node before PowerShell saw them. The probe refuses them too,
			// before any goes near a URI, and names what it refused.
			// eslint-disable-next-line no-await-in-loop
			const run = await service.run('exchange', {
				server,
				roleGroups: [],
				roles: [],
			});
			const connected = run.ok ? run.results.connectedTo : undefined;
			expect(connected?.ok).toBe(false);
			expect(connected && !connected.ok && connected.error).toMatchObject({
				errorId: 'InvalidServerName',
				message: `The Exchange server "${server}" is not a host name (letters, digits, dots and hyphens).`,
			});
		}
	});

	test('a secret reaches the protection step byte for byte', async () => {
		for (const secret of corpus) {
			// eslint-disable-next-line no-await-in-loop
			const protectedSecret = await protectSecret(secret, {service});
			expect(protectedSecret.ok).toBe(true);
			expect(
				protectedSecret.ok &&
					Buffer.from(protectedSecret.value, 'base64').toString('utf8'),
			).toBe(secret);
		}
	});

	test('no canary ever ran', () => {
		expect(fs.readdirSync(canaryDirectory)).toEqual([]);
	});
});
