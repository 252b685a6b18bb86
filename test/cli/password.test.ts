import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {expect, test} from 'vitest';
import {filesUnder} from '../helpers/files.js';
import {freshHome, runCli} from '../helpers/run-cli.js';
import {readTranscript} from '../helpers/transcript.js';

const canary = 'Canary-7f3a9c-P@ssw0rd';

/** A process's arguments; none when it ended before they could be read. */
async function commandLineOf(pid: string): Promise<string> {
	try {
		return await readFile(`/proc/${pid}/cmdline`, 'utf8');
	} catch {
		return '';
	}
}

/** Every process's arguments, read from /proc, for as long as `until` runs. */
async function watchArguments(until: Promise<unknown>): Promise<string[]> {
	const seen: string[] = [];
	const finished = new AbortController();
	void (async () => {
		try {
			await until;
		} finally {
			finished.abort();
		}
	})();

	while (!finished.signal.aborted) {
		// eslint-disable-next-line no-await-in-loop
		const pids = (await readdir('/proc')).filter(name => /^\d+$/.test(name));
		// eslint-disable-next-line no-await-in-loop
		await Promise.all(
			pids.map(async pid => {
				const cmdline = await commandLineOf(pid);
				if (cmdline.includes('dist/cli.')) {
					seen.push(cmdline.replaceAll('\0', ' '));
				}

				if (cmdline.includes(canary)) {
					seen.push(`CANARY in ${pid}: ${cmdline}`);
				}
			}),
		);
	}

	return seen;
}

test.skipIf(process.platform !== 'linux')(
	'a password given on stdin is in no file, log, output or argument list',
	async () => {
		const home = await freshHome();
		const log = path.join(home, 'detection.log.jsonl');
		const run = runCli(
			[
				'--non-interactive',
				'--json',
				'--simulate',
				'slow-checks',
				'--log',
				log,
				'--use-exchange',
				'--email',
				'k2svc@contoso.com',
				'--authentication',
				'static',
				'--service-account',
				String.raw`CONTOSO\svc-k2`,
				'--password-stdin',
			],
			{home, input: `${canary}\n`},
		);
		const [result, seen] = await Promise.all([run, watchArguments(run)]);
		// The watcher did see the run, so an absent canary means something.
		expect(seen.some(line => line.includes('--password-stdin'))).toBe(true);
		expect(seen.filter(line => line.startsWith('CANARY'))).toEqual([]);

		// No DPAPI here: the run refuses and writes nothing.
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(
			/--password-stdin: the password cannot be stored protected here/,
		);
		expect(result.stdout + result.stderr).not.toContain(canary);
		// The log holds the run's probes, so a canary absent from it means
		// something too.
		const probes = (await readTranscript(log)).map(line =>
			[line['event'], line['script'] ?? line['type'] ?? line['step']].join(' '),
		);
		expect(probes).toEqual(
			expect.arrayContaining(['probe host', 'dns MX', 'autodiscover scp']),
		);
		expect(await readFile(log, 'utf8')).not.toContain(canary);
		for (const file of await filesUnder(home)) {
			// eslint-disable-next-line no-await-in-loop
			expect(await readFile(file, 'utf8'), file).not.toContain(canary);
		}
	},
);
