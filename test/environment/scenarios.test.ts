import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {
	builtinScenarioDir,
	defaultScenarioName,
	listScenarios,
	loadScenario,
	ScenarioError,
} from '../../source/environment/scenarios.js';

let directory: string;

beforeAll(async () => {
	directory = await mkdtemp(path.join(tmpdir(), 'k2-scenarios-'));
});

async function scenarioFile(name: string, content: string): Promise<string> {
	const file = path.join(directory, name);
	await writeFile(file, content);
	return file;
}

async function loadError(nameOrPath: string): Promise<string> {
	try {
		await loadScenario(nameOrPath);
	} catch (error) {
		expect(error).toBeInstanceOf(ScenarioError);
		return (error as Error).message;
	}

	throw new Error(`${nameOrPath} loaded without an error`);
}

describe('built-in scenarios', () => {
	test('the folder is found next to the package', () => {
		expect(path.basename(builtinScenarioDir)).toBe('scenarios');
	});

	test('every built-in scenario parses and is named after its file', async () => {
		const list = await listScenarios();
		expect(list.length).toBeGreaterThanOrEqual(12);
		for (const {name, description} of list) {
			// eslint-disable-next-line no-await-in-loop -- few small files
			const scenario = await loadScenario(name);
			expect(scenario.name).toBe(name);
			expect(description).not.toBe('');
			expect(name).toMatch(/^[a-z\d]+(?:-[a-z\d]+)*$/);
		}
	});

	test('the default scenario is listed first', async () => {
		const [first] = await listScenarios();
		expect(first?.name).toBe(defaultScenarioName);
	});

	test('the default scenario has one Exchange 2019 server', async () => {
		const scenario = await loadScenario('contoso-2019');
		expect(scenario.exchange.servers.map(server => server.fqdn)).toEqual([
			'exch01.contoso.com',
		]);
		expect(scenario.host.installMode).toBe('new');
	});
});

describe('scenario errors', () => {
	test('an unknown name lists the built-in names', async () => {
		const message = await loadError('contoso-2099');
		expect(message).toContain('unknown scenario "contoso-2099"');
		expect(message).toContain('contoso-2019');
		expect(message).not.toContain('\n');
	});

	test('a missing file says so in one line', async () => {
		const message = await loadError(path.join(directory, 'missing.json'));
		expect(message).toMatch(/missing\.json: no such file$/);
	});

	test('malformed JSON names the file', async () => {
		const file = await scenarioFile('broken.json', '{"name": ');
		const message = await loadError(file);
		expect(message).toContain('broken.json: not valid JSON');
		expect(message).not.toContain('\n');
	});

	test('an unknown key names its path and the allowed keys', async () => {
		const file = await scenarioFile(
			'unknown-key.json',
			JSON.stringify({host: {winrm: 'Running', shell: 'bash'}}),
		);
		const message = await loadError(file);
		expect(message).toContain('host: unknown key "shell"');
		expect(message).toContain('allowed: computerName, powershell, winrm');
		expect(message).not.toContain('\n');
	});

	test('a bad enum value names the key and what is allowed', async () => {
		const file = await scenarioFile(
			'bad-mode.json',
			JSON.stringify({host: {installMode: 'repair'}}),
		);
		const message = await loadError(file);
		expect(message).toContain('host.installMode: must be one of');
		expect(message).toContain('"upgrade"');
	});

	test('a wrong type deep in an array names the index', async () => {
		const file = await scenarioFile(
			'bad-server.json',
			JSON.stringify({
				exchange: {
					servers: [{name: 'A', fqdn: 'a.b.c', adminDisplayVersion: 15}],
				},
			}),
		);
		const message = await loadError(file);
		expect(message).toContain(
			'exchange.servers[0].adminDisplayVersion: must be a string',
		);
	});

	test('a bad endpoint failure kind lists the kinds', async () => {
		const file = await scenarioFile(
			'bad-endpoint.json',
			JSON.stringify({
				autodiscover: {endpoints: {'https://x.example/a.xml': {fail: 'boom'}}},
			}),
		);
		const message = await loadError(file);
		expect(message).toContain(
			'autodiscover.endpoints["https://x.example/a.xml"].fail: must be one of',
		);
		expect(message).toContain('"connection-refused"');
	});

	test('an empty object is a valid scenario with defaults', async () => {
		const file = await scenarioFile('empty.json', '{}');
		const scenario = await loadScenario(file);
		expect(scenario.host.winrm).toBe('Running');
		expect(scenario.exchange.servers).toEqual([]);
	});
});
