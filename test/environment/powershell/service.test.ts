import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {afterAll, describe, expect, test} from 'vitest';
import {
	createPowerShellService,
	type RunResult,
} from '../../../source/environment/powershell/service.js';
import {createTranscript} from '../../../source/environment/transcript.js';
import {echoScript, noPwsh, pwsh, testScript} from '../../helpers/pwsh.js';

const sleepScript = testScript(
	'sleep',
	"Invoke-Probe 'sleep' { Start-Sleep -Seconds 60 }",
);
const crashScript = testScript('crash', '[Environment]::Exit(3)');
const pidScript = testScript('pid', "Invoke-Probe 'pid' { @{ pid = $PID } }");

function echoed(result: RunResult): unknown {
	if (!result.ok) {
		throw new Error(`run failed: ${JSON.stringify(result.failure)}`);
	}

	const {echo} = result.results;
	if (!echo?.ok) {
		throw new Error(`echo failed: ${JSON.stringify(echo)}`);
	}

	return (echo.data as {value: unknown}).value;
}

function pidOf(result: RunResult): number {
	if (!result.ok || !result.results.pid?.ok) {
		throw new Error(`pid run failed: ${JSON.stringify(result)}`);
	}

	return (result.results.pid.data as {pid: number}).pid;
}

function exists(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Whether the process is still there a moment later (a killed process can linger unreaped). */
async function isRunning(pid: number): Promise<boolean> {
	for (let attempt = 0; attempt < 20 && exists(pid); attempt++) {
		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, 100);
		});
	}

	return exists(pid);
}

describe.skipIf(noPwsh)('powershell service', () => {
	const logFile = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'k2-pwsh-')),
		'log.jsonl',
	);
	const service = createPowerShellService({
		executable: pwsh,
		transcript: createTranscript(logFile),
	});

	afterAll(async () => {
		await service.dispose();
	});

	test('round-trips non-ASCII text byte for byte', async () => {
		const value = 'Müller’s Straße — 東京 😀 \u0000 end';
		expect(echoed(await service.run(echoScript, {value}))).toBe(value);
	});

	test('reuses one shell for consecutive runs', async () => {
		const first = pidOf(await service.run(pidScript, {}));
		const second = pidOf(await service.run(pidScript, {}));
		expect(second).toBe(first);
	});

	test('times out a probe that sleeps, kills the shell and starts a new one', async () => {
		const before = pidOf(await service.run(pidScript, {}));
		const started = Date.now();
		const result = await service.run(sleepScript, {}, {timeoutMs: 1500});
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.failure.category).toBe('timeout');
		// The shell that ran the probe (not only a launcher in front of it).
		expect(await isRunning(before)).toBe(false);
		const after = pidOf(await service.run(pidScript, {}));
		expect(after).not.toBe(before);
	});

	test('cancels a running probe through its AbortSignal', async () => {
		await service.start();
		const controller = new AbortController();
		const running = service.run(sleepScript, {}, {signal: controller.signal});
		setTimeout(() => {
			controller.abort();
		}, 500);
		const result = await running;
		expect(!result.ok && result.failure.category).toBe('cancelled');
		expect(echoed(await service.run(echoScript, {value: 'after'}))).toBe(
			'after',
		);
	});

	test('answers an already aborted signal without running anything', async () => {
		const result = await service.run(
			echoScript,
			{value: 'x'},
			{signal: AbortSignal.abort()},
		);
		expect(!result.ok && result.failure.category).toBe('cancelled');
	});

	test('settles a run queued behind one that times out', async () => {
		const slow = service.run(sleepScript, {}, {timeoutMs: 1000});
		const queued = service.run(echoScript, {value: 'queued'});
		expect(!(await slow).ok).toBe(true);
		expect(echoed(await queued)).toBe('queued');
	});

	test('reports a crash as shell-crashed and starts a new shell', async () => {
		const result = await service.run(crashScript, {});
		expect(!result.ok && result.failure.category).toBe('shell-crashed');
		expect(!result.ok && result.failure.message).toContain('exit code 3');
		expect(echoed(await service.run(echoScript, {value: 'again'}))).toBe(
			'again',
		);
	});

	test('answers a call that follows stray output on stdout', async () => {
		// A thread writes to stdout after the call has ended: the next call's
		// markers then follow stray bytes, which node-powershell can miss.
		const stray = testScript(
			'stray',
			"Invoke-Probe 'stray' { Start-ThreadJob { Start-Sleep -Milliseconds 200; [Console]::Out.Write('x' * 64) } | Out-Null; @{} }",
		);
		expect((await service.run(stray, {})).ok).toBe(true);
		await new Promise(resolve => {
			setTimeout(resolve, 800);
		});
		const result = await service.run(
			echoScript,
			{value: 'still here'},
			{
				timeoutMs: 15_000,
			},
		);
		expect(echoed(result)).toBe('still here');
	});

	test('takes a complete envelope as the answer when the call never ends', async () => {
		// What a missed end marker looks like from here: the envelope is
		// out, but node-powershell does not settle the call.
		const lingering = {
			name: 'lingering',
			text: "Invoke-Probe 'echo' { @{ value = 'early' } }\nWrite-ProbeEnvelope @{ ok = $true; results = $ProbeResults }\nStart-Sleep -Seconds 60",
		};
		const before = pidOf(await service.run(pidScript, {}));
		const started = Date.now();
		const result = await service.run(lingering, {}, {timeoutMs: 30_000});
		expect(Date.now() - started).toBeLessThan(15_000);
		expect(echoed(result)).toBe('early');
		const after = pidOf(await service.run(pidScript, {}));
		expect(after).not.toBe(before);
	});

	test('treats dispose during a run as a cancel', async () => {
		await service.start();
		const running = service.run(sleepScript, {});
		await new Promise(resolve => {
			setTimeout(resolve, 300);
		});
		await service.dispose();
		const result = await running;
		expect(!result.ok && result.failure.category).toBe('cancelled');
	});

	test('writes a transcript with script names and never the arguments', async () => {
		const secret = 'hunter2-secret-value';
		await service.run(echoScript, {value: secret});
		const lines = fs
			.readFileSync(logFile, 'utf8')
			.trim()
			.split('\n')
			.map(line => JSON.parse(line) as Record<string, unknown>);
		expect(lines.some(line => line.script === 'echo')).toBe(true);
		expect(lines.some(line => line.outcome === 'timeout')).toBe(true);
		expect(lines.some(line => line.event === 'shell-start')).toBe(true);
		expect(fs.readFileSync(logFile, 'utf8')).not.toContain(secret);
	});
});

describe('powershell service without powershell', () => {
	test('reports a missing executable as a shell-missing finding', async () => {
		const service = createPowerShellService({
			executable: path.join(os.tmpdir(), 'no-such-dir', 'pwsh'),
		});
		const result = await service.run(echoScript, {value: 'x'});
		expect(result.ok).toBe(false);
		expect(!result.ok && result.failure).toEqual({
			category: 'shell-missing',
			message: 'PowerShell not found',
		});
		await service.dispose();
	});

	test('reports an executable that is not PowerShell as no answer', async () => {
		const service = createPowerShellService({
			executable: '/bin/true',
			startupTimeoutMs: 5000,
		});
		const result = await service.run(echoScript, {value: 'x'});
		expect(result.ok).toBe(false);
		expect(!result.ok && result.failure.category).toBe('shell-crashed');
		await service.dispose();
	});
});
