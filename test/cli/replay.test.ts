/*
An answer file saved by an interactive run, replayed with --non-interactive,
writes the configuration the interactive run wrote, byte for byte. Both runs
are the built command: the wizard in a real pseudo-terminal, the replay as a
plain child process.
*/
import {existsSync} from 'node:fs';
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	builtinScenarioDir,
	listScenarios,
} from '../../source/environment/scenarios.js';
import {skipReasons} from '../../source/plan/plan.js';
import {
	cleanEnvironment,
	keys,
	startApp,
	type AppTerminal,
} from '../helpers/pty.js';
import {runCli} from '../helpers/run-cli.js';

const scenarios = await listScenarios();

/**
How each built-in scenario ends; any scenario not named here configures
Exchange and must replay byte for byte.
*/
const endings: Record<string, 'prerequisites' | 'upgrade' | 'detection'> = {
	'hanging-servers': 'detection',
	'legacy-2013-ps2': 'prerequisites',
	'no-powershell': 'prerequisites',
	'nothing-found': 'prerequisites',
	'winrm-stopped': 'prerequisites',
	'upgrade-install': 'upgrade',
};

/**
Where detection finds nothing, the wizard asks for the server by name and
asks that server; here it does not answer either, so Exchange is left
unconfigured, which unattended is a missing prerequisite.
*/
const serversToName: Record<string, string> = {
	'nothing-found': 'exch01.adatum.com',
};

async function seedFor(name: string) {
	const scenario = JSON.parse(
		await readFile(path.join(builtinScenarioDir, `${name}.json`), 'utf8'),
	) as {dns?: {mx?: Record<string, unknown>}};
	const domain = Object.keys(scenario.dns?.mx ?? {})[0] ?? 'contoso.com';
	// Enough for Enter to walk every page: what detection cannot know.
	return {
		useExchange: true,
		email: `k2svc@${domain}`,
		server: serversToName[name],
		exchangeVersion: '2019',
		serviceAccount: String.raw`CONTOSO\svc-k2`,
		tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
		clientId: '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
		certificateThumbprint: 'A909502DD82AE41433E6F83886B00D4277A32A7B',
	};
}

/** Presses Enter page after page until the screen shows `text`. */
async function enterUntil(app: AppTerminal, text: string) {
	for (let step = 0; step < 30; step++) {
		// eslint-disable-next-line no-await-in-loop
		await app.settle(400, 15_000);
		if (app.screen().includes(text) || app.hasExited()) {
			return;
		}

		// eslint-disable-next-line no-await-in-loop
		await app.press(keys.enter);
	}

	throw new Error(`never reached "${text}":\n${app.screen()}`);
}

function wizard(args: string[], home: string): AppTerminal {
	return startApp(args, {
		env: cleanEnvironment({XDG_CONFIG_HOME: home, HOME: home}),
	});
}

describe.concurrent('replay', () => {
	test.each(scenarios.map(({name}) => name))(
		'%s: the saved answer file replays to the same configuration',
		async name => {
			const folder = await mkdtemp(path.join(tmpdir(), 'k2-replay-'));
			const seed = path.join(folder, 'seed.json');
			await writeFile(seed, JSON.stringify(await seedFor(name)));
			const common = ['--simulate', name, '--timeout', '6'];

			// 1. The wizard, walked with Enter, saves its answers.
			const saved = path.join(folder, 'saved', 'configuration.json');
			const first = wizard(
				[...common, '--config', saved, '--answers', seed],
				folder,
			);
			try {
				await enterUntil(first, 'Save answer file only');
				await first.press(keys.tab, keys.tab, keys.enter);
				await enterUntil(first, '\u0000never');
				expect((await first.exited()).code).toBe(0);
			} finally {
				first.dispose();
			}

			const answers = path.join(folder, 'saved', 'answers.json');
			expect(existsSync(answers)).toBe(true);
			expect(existsSync(saved)).toBe(false);

			// 2. The wizard again from that file, applied.
			const interactive = path.join(folder, 'wizard', 'configuration.json');
			const second = wizard(
				[...common, '--config', interactive, '--answers', answers],
				folder,
			);
			try {
				await enterUntil(second, '\u0000never');
				expect((await second.exited()).code).toBe(0);
			} finally {
				second.dispose();
			}

			// 3. The same file, unattended.
			const unattended = path.join(folder, 'script', 'configuration.json');
			const replay = await runCli([
				...common,
				'--non-interactive',
				'--config',
				unattended,
				'--answers',
				answers,
			]);
			const ending = endings[name] ?? 'configured';
			if (!existsSync(interactive)) {
				expect(ending).toBe('upgrade');
				// An upgrade install: neither face touches the configuration.
				expect(replay.code, replay.stderr).toBe(0);
				expect(existsSync(unattended)).toBe(false);
				return;
			}

			const {exchange} = JSON.parse(await readFile(interactive, 'utf8')) as {
				exchange: {enabled: boolean; skippedReason?: string};
			};
			const reasons: string[] = Object.values(skipReasons);
			if (!exchange.enabled && !reasons.includes(exchange.skippedReason!)) {
				expect(ending).toBe('prerequisites');
				// The wizard recorded the skip the administrator saw; unattended,
				// missing prerequisites are a failure that writes nothing.
				expect(replay.code, replay.stderr).toBe(1);
				expect(existsSync(unattended)).toBe(false);
				return;
			}

			expect(exchange.enabled).toBe(true);
			if (ending === 'detection') {
				// The administrator went on past checks that timed out; a
				// script has no one to decide that, so it stops and writes nothing.
				expect(replay.code, replay.stderr).toBe(1);
				expect(replay.stderr).toMatch(/detection failed: /);
				expect(existsSync(unattended)).toBe(false);
				return;
			}

			expect(ending).toBe('configured');
			expect(replay.code, replay.stderr).toBe(0);
			expect(await readFile(unattended, 'utf8')).toBe(
				await readFile(interactive, 'utf8'),
			);
		},
		90_000,
	);
});
