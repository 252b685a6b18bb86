import {existsSync} from 'node:fs';
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {freshHome, runCli} from '../helpers/run-cli.js';

let files: string;
beforeAll(async () => {
	files = await mkdtemp(path.join(tmpdir(), 'k2-bad-'));
	const write = async (name: string, text: string) =>
		writeFile(path.join(files, name), text);
	await write('malformed.json', '{"useExchange": true,,}');
	await write('array.json', '["useExchange"]');
	await write('wrong-type.json', '{"useExchange": "yes"}');
	await write('unknown-key.json', '{"useExchange": true, "exchangeSrv": "x"}');
	await write('bad-enum.json', '{"authentication": "kerberos"}');
	await write(
		'incomplete-online.json',
		'{"useExchange": true, "autodiscover": false, "deployment": "online"}',
	);
	await write(
		'online-admin.json',
		JSON.stringify({
			useExchange: true,
			autodiscover: false,
			deployment: 'online',
			administrative: true,
			tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
			clientId: '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
			certificateThumbprint: 'a909502dd82ae41433e6f83886b00d4277a32a7b',
		}),
	);
});

const scripted = ['--non-interactive', '--simulate', 'contoso-2019'];
const using = [...scripted, '--use-exchange', '--email', 'k2svc@contoso.com'];

// Each row: arguments, what stderr must name, and optionally stdin.
const corpus: Array<[string, string[], RegExp, string?]> = [
	['an unknown flag', ['--bogus'], /^--bogus: not a known flag/],
	[
		'a misspelt flag',
		['--servr', 'x'],
		/--servr: not a known flag; did you mean --server\?/,
	],
	['a single-dash flag', ['-x'], /^-x: not a known flag/],
	[
		'a value on a switch',
		['--use-exchange=yes'],
		/^--use-exchange: "yes" is not allowed; allowed: --use-exchange on its own or --no-use-exchange/,
	],
	[
		'an unknown command',
		['frobnicate'],
		/"frobnicate": not a known command.*allowed: detect/,
	],
	[
		'a wrong deployment',
		[...scripted, '--deployment', 'hybrid'],
		/^--deployment: "hybrid" is not allowed; allowed: on-premises or online\.$/,
	],
	[
		'a wrong version',
		[...scripted, '--exchange-version', '2020'],
		/^--exchange-version: "2020" is not allowed; allowed: 2007, 2010/,
	],
	[
		'a wrong authentication',
		[...scripted, '--authentication', 'kerberos'],
		/^--authentication: "kerberos" is not allowed; allowed: impersonate, service-account, sso or static/,
	],
	[
		'a flag without its value',
		[...scripted, '--server'],
		/^--server needs a value; allowed: a fully qualified domain name/,
	],
	[
		'a server that is no FQDN',
		[...scripted, '--server', 'exch 01'],
		/^--server: "exch 01" must be a fully qualified domain name/,
	],
	[
		'a bad email',
		[...scripted, '--email', 'k2svc'],
		/^--email: "k2svc" must be an email address/,
	],
	[
		'a bad account',
		[...scripted, '--service-account', 'svc-k2'],
		/^--service-account: "svc-k2" must be DOMAIN\\user/,
	],
	[
		'a bad tenant',
		[...scripted, '--tenant-id', 'contoso'],
		/^--tenant-id: "contoso" must be a GUID/,
	],
	[
		'a short thumbprint',
		[...scripted, '--certificate-thumbprint', 'abc'],
		/^--certificate-thumbprint: "abc" must be 40 hexadecimal characters/,
	],
	[
		'a flag given twice',
		[...scripted, '--server', 'a.contoso.com', '--server', 'b.contoso.com'],
		/^--server: given more than once/,
	],
	[
		'a wrong timeout',
		[...scripted, '--timeout', 'soon'],
		/^--timeout: "soon" is not allowed; allowed: seconds/,
	],
	[
		'a negative timeout',
		[...scripted, '--timeout', '-5'],
		/^--timeout: "-5" is not allowed/,
	],
	[
		'a wrong engine',
		['--simulate', 'contoso-2019', '--engine', 'bash'],
		/^--engine: "bash" is not allowed; allowed: builtin or powershell/,
	],
	[
		'an engine without a simulation',
		['--non-interactive', '--engine', 'powershell'],
		/^--engine applies only with --simulate/,
	],
	[
		'an unknown scenario',
		[
			'--non-interactive',
			'--simulate',
			'nope',
			'--use-exchange',
			'--no-autodiscover',
		],
		/^--simulate: unknown scenario "nope"/,
	],
	[
		'an unknown scenario with integration off',
		['--non-interactive', '--simulate', 'nosuch'],
		/^--simulate: unknown scenario "nosuch"/,
	],
	[
		'an unknown scenario on an upgrade',
		['--upgrade', '--simulate', 'nosuch'],
		/^--simulate: unknown scenario "nosuch"/,
	],
	[
		'a malformed scenario file with integration off',
		[
			'--non-interactive',
			'--no-use-exchange',
			'--simulate',
			'FILES/malformed.json',
		],
		/^--simulate: scenario file .*malformed\.json: not valid JSON/,
	],
	[
		'contradicting switches',
		[...scripted, '--use-exchange', '--no-use-exchange'],
		/^--use-exchange and --no-use-exchange contradict each other/,
	],
	[
		'an integration ticked and unticked',
		[...scripted, '--standard', '--no-standard'],
		/^--standard and --no-standard contradict each other/,
	],
	[
		'a switch given twice',
		[...scripted, '--json', '--json'],
		/^--json: given more than once/,
	],
	[
		'a log in a missing folder',
		[...using, '--log', '/nonexistent-k2/detection.log'],
		/^--log: .*nonexistent-k2.*; allowed: a file in a folder that exists/,
	],
	[
		'reconfigure with upgrade',
		['--reconfigure', '--upgrade'],
		/^--reconfigure cannot be used with --upgrade/,
	],
	[
		'detect with a write flag',
		['detect', '--non-interactive'],
		/^detect cannot be used with --non-interactive/,
	],
	[
		'json without a scripted face',
		['--json'],
		/^--json needs --non-interactive/,
	],
	[
		'no terminal for the wizard',
		['--simulate', 'contoso-2019'],
		/--non-interactive/,
	],
	[
		'a dry run of the wizard',
		['--dry-run', '--simulate', 'contoso-2019'],
		/^--dry-run needs --non-interactive/,
	],
	[
		'a dry run of an upgrade',
		['--non-interactive', '--upgrade', '--dry-run'],
		/^--dry-run cannot be used with --upgrade/,
	],
	[
		'password without non-interactive',
		['--password-stdin'],
		/^--password-stdin needs --non-interactive/,
	],
	[
		'static without a password',
		[
			...using,
			'--authentication',
			'static',
			'--service-account',
			String.raw`CONTOSO\svc-k2`,
		],
		/^--authentication is static, which needs the password on standard input/,
	],
	[
		'a password for impersonation',
		[...using, '--password-stdin'],
		/--authentication \(answer-file key "authentication"\) is impersonate, which takes no password/,
		'secret',
	],
	[
		'administrative online by flags',
		[
			...scripted,
			'--use-exchange',
			'--no-autodiscover',
			'--deployment',
			'online',
			'--administrative',
			'--tenant-id',
			'72f988bf-86f1-41af-91ab-2d7cd011db47',
			'--client-id',
			'0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
			'--certificate-thumbprint',
			'a909502dd82ae41433e6f83886b00d4277a32a7b',
		],
		/^--administrative is not available for Exchange Online/,
	],
	[
		'online version on-premises',
		[
			...using,
			'--service-account',
			String.raw`CONTOSO\svc-k2`,
			'--deployment',
			'on-premises',
			'--exchange-version',
			'online',
		],
		/^--exchange-version is online but --deployment is on-premises/,
	],
	[
		'impersonation without a service account',
		[...using, '--deployment', 'on-premises'],
		/^--service-account \(answer-file key "serviceAccount"\) is required for impersonate authentication on-premises/,
	],
	[
		'a missing answer file',
		[...scripted, '--answers', 'FILES/absent.json'],
		/^--answers .*absent\.json: no such file/,
	],
	[
		'a malformed answer file without a terminal',
		['--answers', 'FILES/malformed.json'],
		/^--answers .*malformed\.json: not valid JSON/,
	],
	[
		'a malformed answer file',
		[...scripted, '--answers', 'FILES/malformed.json'],
		/^--answers .*malformed\.json: not valid JSON/,
	],
	[
		'an answer file that is a list',
		[...scripted, '--answers', 'FILES/array.json'],
		/array\.json: must be a JSON object of answers/,
	],
	[
		'a wrongly typed answer',
		[...scripted, '--answers', 'FILES/wrong-type.json'],
		/^"useExchange" in .*wrong-type\.json: "yes" is not allowed; allowed: true or false\.$/,
	],
	[
		'an unknown answer key',
		[...scripted, '--answers', 'FILES/unknown-key.json'],
		/^"exchangeSrv" in .*: not a known key; allowed: useExchange/,
	],
	[
		'a wrong answer value',
		[...scripted, '--answers', 'FILES/bad-enum.json'],
		/^"authentication" in .*: "kerberos" is not allowed/,
	],
	[
		'an incomplete answer file',
		[...scripted, '--answers', 'FILES/incomplete-online.json'],
		/^--tenant-id \(answer-file key "tenantId"\), --client-id \(answer-file key "clientId"\) and --certificate-thumbprint \(answer-file key "certificateThumbprint"\) are required for Exchange Online/,
	],
	[
		'conflicting answers in a file',
		[...scripted, '--answers', 'FILES/online-admin.json'],
		/^"administrative" in .*online-admin\.json is not available for Exchange Online/,
	],
];

describe.concurrent('bad input', () => {
	test.each(corpus)(
		'%s exits 2 and names it',
		async (_name, args, expected, input) => {
			const home = await freshHome();
			const argv = args.map(arg => arg.replace('FILES', files));
			if (_name === 'an unknown scenario') {
				argv[argv.indexOf('contoso-2019')] = 'nope';
			}

			const result = await runCli(argv, {home, input});
			expect(result.code, result.stderr).toBe(2);
			const lines = result.stderr.trimEnd().split('\n');
			// The line naming the problem, then at most one more line or the
			// "Nothing was written." of a run that got as far as detection.
			const problem = lines.filter(
				line => !/^(?:[✓✗!-] |Detecting|Nothing was written)/.test(line),
			);
			expect(problem.length, result.stderr).toBeGreaterThanOrEqual(1);
			expect(problem.length, result.stderr).toBeLessThanOrEqual(2);
			expect(problem[0]).toMatch(expected);
			expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
			expect(existsSync(path.join(home, 'k2-exchange-setup'))).toBe(false);
		},
	);
});
