/*
The shipped probe scripts must load in Windows PowerShell 5.1 (which reads
a file without a byte order mark as ANSI) and use nothing newer than
PowerShell 3.0. The parser check runs in the pwsh at hand.
*/
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {findProbeDirectory} from '../../../source/environment/powershell/scripts.js';
import {createPowerShellService} from '../../../source/environment/powershell/service.js';
import {noPwsh, pwsh, testScript} from '../../helpers/pwsh.js';

const directory = findProbeDirectory();
const files = fs
	.readdirSync(directory)
	.filter(name => name.endsWith('.ps1'))
	.map(name => ({name, bytes: fs.readFileSync(path.join(directory, name))}));

/** Syntax and parameters that PowerShell 3.0 does not have. */
const newerThanThree: Array<[RegExp, string]> = [
	[/\.Where\(/i, '.Where() (4.0)'],
	[/\.ForEach\(/i, '.ForEach() (4.0)'],
	[/-PipelineVariable\b|-pv\b/i, '-PipelineVariable (4.0)'],
	[/^\s*class\s/im, 'classes (5.0)'],
	[/^\s*enum\s/im, 'enums (5.0)'],
	[/::new\(/i, '::new() (5.0)'],
	[/\?\?/, 'null-coalescing (7.0)'],
	[/\?\./, 'null-conditional access (7.1)'],
	[/\s\?\s[^:]+\s:\s/, 'ternary operator (7.0)'],
	[/&&|\|\|/, 'pipeline chain operators (7.0)'],
	[/-AsArray\b/, 'ConvertTo-Json -AsArray (6.0)'],
	[/-EnumsAsStrings\b/, 'ConvertTo-Json -EnumsAsStrings (7.0)'],
	[/-AsHashtable\b/, 'ConvertFrom-Json -AsHashtable (6.0)'],
	[/-Parallel\b/, 'ForEach-Object -Parallel (7.0)'],
	[/^\s*using\s/im, 'using statements, using namespace (5.0)'],
	[/\$PSStyle|Start-ThreadJob/i, 'PowerShell 7 only commands'],
];

/** One line of each banned kind, to prove the check finds it. */
const newerSamples: Array<[string, string]> = [
	['$servers.Where({ $_.IsMailboxServer })', '.Where() (4.0)'],
	['@(1, 2).ForEach({ $_ * 2 })', '.ForEach() (4.0)'],
	[
		'Get-Service -PipelineVariable service | Out-Null',
		'-PipelineVariable (4.0)',
	],
	['Get-Service -pv service | Out-Null', '-PipelineVariable (4.0)'],
	['class Probe { [string]$Name }', 'classes (5.0)'],
	['enum Status { Running }', 'enums (5.0)'],
	['$list = [System.Collections.ArrayList]::new()', '::new() (5.0)'],
	['$a = $b ?? $c', 'null-coalescing (7.0)'],
	['$a = $b?.Name', 'null-conditional access (7.1)'],
	["$a = $b ? 'x' : 'y'", 'ternary operator (7.0)'],
	['Get-Item x && Get-Item y', 'pipeline chain operators (7.0)'],
	['ConvertTo-Json -InputObject $x -AsArray', 'ConvertTo-Json -AsArray (6.0)'],
	['ConvertTo-Json $x -EnumsAsStrings', 'ConvertTo-Json -EnumsAsStrings (7.0)'],
	['ConvertFrom-Json $x -AsHashtable', 'ConvertFrom-Json -AsHashtable (6.0)'],
	['1..3 | ForEach-Object -Parallel { $_ }', 'ForEach-Object -Parallel (7.0)'],
	['using namespace System.Text', 'using statements, using namespace (5.0)'],
	['using module Exchange', 'using statements, using namespace (5.0)'],
	['Start-ThreadJob { 1 }', 'PowerShell 7 only commands'],
];

/**
PowerShell 3.0 syntax that the 2.0 parser rejects. PowerShell parses a
script block whole before running any of it, so one such line in a script
sent after the runtime would stop the runtime's version check from ever
running on 2.0.
*/
const newerThanTwo: Array<[RegExp, string]> = [
	[/\s-(?:not)?in\s/i, '-in and -notin (3.0)'],
	[/\s-sh[lr]\s/i, '-shl and -shr (3.0)'],
	[
		/\b(?:Mandatory|ValueFromPipeline\w*|ValueFromRemainingArguments)\s*[,)]/i,
		'attribute arguments without a value (3.0)',
	],
	[/^\s*workflow\s/im, 'workflows (3.0)'],
	[/(?:^|\s)[*3-6]>/m, 'redirecting the other streams (3.0)'],
];

const newerThanTwoSamples: Array<[string, string]> = [
	["if ($name -in $names) { 'x' }", '-in and -notin (3.0)'],
	["if ($name -notin $names) { 'x' }", '-in and -notin (3.0)'],
	['$flags = 1 -shl 4', '-shl and -shr (3.0)'],
	[
		'param([Parameter(Mandatory)][string]$Server)',
		'attribute arguments without a value (3.0)',
	],
	[
		'param([Parameter(Mandatory, Position = 0)]$x)',
		'attribute arguments without a value (3.0)',
	],
	['workflow Get-Probe { }', 'workflows (3.0)'],
	['Get-Item x *> $null', 'redirecting the other streams (3.0)'],
	['Get-Item x 3> $null', 'redirecting the other streams (3.0)'],
];

/** The scripts the runtime goes in front of; the modules load after it. */
const sentWithRuntime = files.filter(
	file => !['_seams.ps1', '_stand-ins.ps1'].includes(file.name),
);

function found(rules: Array<[RegExp, string]>, text: string): string[] {
	return rules
		.filter(([pattern]) => pattern.test(text))
		.map(([, what]) => what);
}

function newerFeatures(text: string): string[] {
	return found(newerThanThree, text);
}

/** The file's code: whole-line comments may name what they avoid. */
function codeOf(file: (typeof files)[number]): string {
	return file.bytes.toString('utf8').replaceAll(/^\s*#.*$/gm, '');
}

describe('probe files', () => {
	test('there are probe files to check', () => {
		expect(files.map(file => file.name)).toEqual(
			expect.arrayContaining([
				'_runtime.ps1',
				'_seams.ps1',
				'_stand-ins.ps1',
				'_startup.ps1',
				'exchange.ps1',
				'host.ps1',
				'protect-secret.ps1',
			]),
		);
	});

	test.each(files)(
		'$name is UTF-8 with a byte order mark and ASCII text',
		file => {
			expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			expect(file.bytes.subarray(3).every(byte => byte < 0x80)).toBe(true);
		},
	);

	test.each(newerSamples)('the check finds %s', (line, what) => {
		expect(newerFeatures(line)).toContain(what);
	});

	test.each(files)('$name uses nothing newer than PowerShell 3.0', file => {
		expect(newerFeatures(codeOf(file))).toEqual([]);
	});

	test.each(newerThanTwoSamples)('the 2.0 check finds %s', (line, what) => {
		expect(found(newerThanTwo, line)).toContain(what);
	});

	test('the runtime goes in front of every script but the modules', () => {
		expect(sentWithRuntime.map(file => file.name)).toEqual(
			expect.arrayContaining(['_runtime.ps1', '_startup.ps1', 'host.ps1']),
		);
		expect(sentWithRuntime.map(file => file.name)).not.toContain(
			'_stand-ins.ps1',
		);
	});

	test.each(sentWithRuntime)(
		'$name parses in PowerShell 2.0, so the version check can run',
		file => {
			expect(found(newerThanTwo, codeOf(file))).toEqual([]);
		},
	);
});

describe.skipIf(noPwsh)('probe files in the parser', () => {
	const service = createPowerShellService({executable: pwsh});
	afterAll(async () => service.dispose());

	test('every probe file parses without errors', async () => {
		const parse = testScript(
			'parse',
			`Invoke-Probe 'parse' {
				$errors = @()
				foreach ($file in @($ProbeArgs['files'])) {
					$tokens = $null
					$parseErrors = $null
					[void][System.Management.Automation.Language.Parser]::ParseInput(
						$file['text'], [ref]$tokens, [ref]$parseErrors)
					foreach ($parseError in @($parseErrors)) {
						$errors += ($file['name'] + ': ' + $parseError.Message)
					}
				}
				@{ errors = $errors }
			}`,
		);
		const run = await service.run(parse, {
			files: files.map(file => ({
				name: file.name,
				text: file.bytes.toString('utf8').replace(/^\uFEFF/, ''),
			})),
		});
		const result = run.ok ? run.results['parse'] : undefined;
		expect(result?.ok && result.data).toEqual({errors: []});
	});
});
