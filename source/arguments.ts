/*
The command line: the contract's flags, parsed by meow, with every mistake
turned into an InputError (exit 2) that names the flag, what was wrong and
what is allowed. Nothing here touches the terminal or the environment.
*/
import meow from 'meow';
import {InputError} from './answers/errors.js';
import {fields} from './answers/fields.js';
import {answersFromFlags} from './answers/flags.js';
import type {Answers} from './answers/schema.js';

export const helpText = `
	Usage
	  $ k2-exchange-setup                    the interactive wizard
	  $ k2-exchange-setup --non-interactive  detect, validate, write; no prompts
	  $ k2-exchange-setup detect [--json]    detection only; report every check
	  $ k2-exchange-setup --reconfigure      change the existing configuration
	  $ k2-exchange-setup --upgrade          keep the existing configuration

	Options
	  --config FILE          the configuration file to read and write; default:
	                         %ProgramData%\\K2\\ExchangeSetup\\configuration.json
	                         on Windows, elsewhere
	                         ~/.config/k2-exchange-setup/configuration.json
	  --answers FILE         start from an answer file; with --non-interactive
	                         it must be complete
	  --non-interactive      no prompts; for scripts (exit codes 0, 1, 2, 130)
	  --dry-run              with --non-interactive: detect and plan, say
	                         whether the file would change, write nothing
	  --simulate NAME|FILE   run against a simulated environment
	                         (--simulate list shows them)
	  --engine builtin|powershell
	                         with --simulate: answer from the scenario
	                         (builtin, the default), or run the real probe
	                         scripts in PowerShell against stand-ins
	  --timeout SECONDS      time limit per detection stage (default 30)
	  --log FILE             write the detection transcript here
	  --json                 machine-readable result on stdout
	  --ascii                no Unicode drawing characters (chosen on its own
	                         for consoles that cannot draw them)
	  --help, --version

	Field flags (the same keys, in camelCase, make an answer file)
	  --use-exchange, --no-use-exchange    use Exchange for mail integration
	  --autodiscover, --no-autodiscover    find Exchange through Autodiscover
	  --email ADDRESS                      for Autodiscover, and replies on
	                                       Exchange Online
	  --deployment on-premises|online
	  --standard, --administrative         the integrations (administrative:
	                                       on-premises only)
	  --server FQDN                        the Exchange server (on-premises)
	  --exchange-version 2007|2010|2013|2016|2019|se|online
	                                       when detection cannot tell
	  --authentication impersonate|service-account|sso|static
	  --service-account DOMAIN\\user
	  --mailbox-database NAME              for administrative integration
	  --tenant-id ID --client-id ID --certificate-thumbprint HEX
	                                       the Exchange Online app
	  --password-stdin                     read the static-authentication
	                                       password from stdin

	Environment
	  NO_COLOR=1    no colour
	  TERM=dumb     plain questions, one line at a time, instead of a screen

	Examples
	  $ k2-exchange-setup --simulate contoso-2019
	  $ k2-exchange-setup --non-interactive --json --use-exchange --standard \\
	      --email k2svc@contoso.com --service-account CONTOSO\\svc-k2
	  $ k2-exchange-setup --non-interactive --answers answers.json
`;

const globalFlags = {
	config: {type: 'string'},
	answers: {type: 'string'},
	nonInteractive: {type: 'boolean'},
	dryRun: {type: 'boolean'},
	reconfigure: {type: 'boolean'},
	upgrade: {type: 'boolean'},
	simulate: {type: 'string'},
	engine: {type: 'string'},
	timeout: {type: 'string'},
	log: {type: 'string'},
	json: {type: 'boolean'},
	ascii: {type: 'boolean'},
	passwordStdin: {type: 'boolean'},
	help: {type: 'boolean'},
	version: {type: 'boolean'},
} as const;

const fieldFlags = {
	useExchange: {type: 'boolean'},
	autodiscover: {type: 'boolean'},
	email: {type: 'string'},
	deployment: {type: 'string'},
	standard: {type: 'boolean'},
	administrative: {type: 'boolean'},
	server: {type: 'string'},
	exchangeVersion: {type: 'string'},
	authentication: {type: 'string'},
	serviceAccount: {type: 'string'},
	mailboxDatabase: {type: 'string'},
	tenantId: {type: 'string'},
	clientId: {type: 'string'},
	certificateThumbprint: {type: 'string'},
} as const satisfies Record<keyof Answers, {type: 'string' | 'boolean'}>;

const allFlags = {...globalFlags, ...fieldFlags};

export type Command = 'wizard' | 'detect' | 'help' | 'version';

export type Arguments = {
	readonly command: Command;
	/** The answers the field flags give; absent flags are absent keys. */
	readonly answers: Answers;
	readonly config?: string;
	readonly answersFile?: string;
	readonly nonInteractive: boolean;
	/** With nonInteractive: report what would change, write nothing. */
	readonly dryRun: boolean;
	readonly reconfigure: boolean;
	readonly upgrade: boolean;
	readonly simulate?: string;
	readonly engine?: 'builtin' | 'powershell';
	readonly timeoutMs?: number;
	readonly log?: string;
	readonly json: boolean;
	readonly ascii: boolean;
	readonly passwordStdin: boolean;
};

function kebab(name: string): string {
	return name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

const booleanNames = new Set(
	Object.entries(allFlags)
		.filter(([, flag]) => flag.type === 'boolean')
		.map(([name]) => kebab(name)),
);
const knownNames = new Set(Object.keys(allFlags).map(name => kebab(name)));

/**
Parses the arguments after `node cli.js`. Throws InputError for anything the
contract does not allow.
*/
export function parseArguments(argv: readonly string[]): Arguments {
	checkFlagNames(argv);
	let parsed: {input: string[]; flags: Record<string, unknown>};
	try {
		parsed = meow(helpText, {
			importMeta: import.meta,
			argv: [...argv],
			pkg: {name: 'k2-exchange-setup'},
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			booleanDefault: undefined,
			flags: allFlags,
		});
	} catch (error) {
		const flag = /--([\w-]+)/.exec((error as Error).message)?.[1] ?? '?';
		throw new InputError(`--${flag}: given more than once; allowed: once.`);
	}

	const {flags, input} = parsed;
	if (flags['help']) {
		return {...defaults(), command: 'help'};
	}

	if (flags['version']) {
		return {...defaults(), command: 'version'};
	}

	const command = commandOf(input);
	const string = (name: string) => {
		const value = flags[name];
		if (value === '') {
			throw new InputError(`--${kebab(name)} needs a value.`);
		}

		return value as string | undefined;
	};

	const engine = string('engine');
	if (engine !== undefined && engine !== 'builtin' && engine !== 'powershell') {
		throw new InputError(
			`--engine: "${engine}" is not allowed; allowed: builtin or powershell.`,
		);
	}

	const result: Arguments = {
		command,
		answers: answersFromFlags(flags),
		config: string('config'),
		answersFile: string('answers'),
		nonInteractive: flags['nonInteractive'] === true,
		dryRun: flags['dryRun'] === true,
		reconfigure: flags['reconfigure'] === true,
		upgrade: flags['upgrade'] === true,
		simulate: string('simulate'),
		engine,
		timeoutMs: timeoutOf(string('timeout')),
		log: string('log'),
		json: flags['json'] === true,
		ascii: flags['ascii'] === true,
		passwordStdin: flags['passwordStdin'] === true,
	};
	checkCombinations(result);
	return result;
}

function defaults(): Omit<Arguments, 'command'> {
	return {
		answers: {},
		nonInteractive: false,
		dryRun: false,
		reconfigure: false,
		upgrade: false,
		json: false,
		ascii: false,
		passwordStdin: false,
	};
}

/**
`meow` lets unknown flags through (it would print its own message and exit),
reads `--standard=yes` as false, and lets the last of `--standard
--no-standard` win; all are caught here, before parsing.
*/
function checkFlagNames(argv: readonly string[]) {
	const end = argv.indexOf('--');
	const seen = new Map<string, Given>();
	for (const token of end === -1 ? argv : argv.slice(0, end)) {
		if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
			continue;
		}

		const [name = '', value] = token.replace(/^--?/, '').split(/=(.*)/s);
		const negated = name.startsWith('no-') && booleanNames.has(name.slice(3));
		if (!token.startsWith('--') || (!knownNames.has(name) && !negated)) {
			throw new InputError([
				`${token.split('=')[0]}: not a known flag${suggestion(name)}.`,
				'Allowed: the flags listed by --help.',
			]);
		}

		if (
			value !== undefined &&
			(booleanNames.has(name) || negated) &&
			!['true', 'false'].includes(value)
		) {
			throw new InputError(
				`--${name}: "${value}" is not allowed; allowed: --${name} on its own${negated ? '' : ` or --no-${name}`}.`,
			);
		}

		checkOnce(seen, {
			token,
			name: negated ? name.slice(3) : name,
			on: negated === (value === 'false'),
		});
	}
}

/**
A flag may be given once: a repeat is most likely a script that sets it in
two places, and a contradiction (`--standard --no-standard`) has no right
answer to pick.
*/
function checkOnce(seen: Map<string, Given>, given: Given) {
	const before = seen.get(given.name);
	seen.set(given.name, given);
	if (before === undefined) {
		return;
	}

	if (!booleanNames.has(given.name) || before.on === given.on) {
		throw new InputError(
			`--${given.name}: given more than once; allowed: once.`,
		);
	}

	throw new InputError(
		`${before.token} and ${given.token} contradict each other; allowed: one of them.`,
	);
}

/** A flag as typed, by its name without `no-`; `on`: a switch's value. */
type Given = {
	readonly token: string;
	readonly name: string;
	readonly on: boolean;
};

function suggestion(name: string): string {
	const bare = name.replace(/^no-/, '');
	let best: string | undefined;
	let bestDistance = 3;
	for (const known of knownNames) {
		const distance = editDistance(bare, known);
		if (distance < bestDistance) {
			best = known;
			bestDistance = distance;
		}
	}

	return best ? `; did you mean --${best}?` : '';
}

/** Levenshtein distance: how many letters to add, drop or change. */
function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(
				previous[j]! + 1,
				current[j - 1]! + 1,
				previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
		}

		previous = current;
	}

	return previous[b.length]!;
}

function commandOf(input: readonly string[]): Command {
	if (input.length === 0) {
		return 'wizard';
	}

	if (input[0] === 'detect' && input.length === 1) {
		return 'detect';
	}

	const extra = input[0] === 'detect' ? input[1] : input[0];
	throw new InputError(
		`"${extra}": not a known command or argument; allowed: detect, or no command for the wizard.`,
	);
}

function timeoutOf(value: string | undefined): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const seconds = Number(value);
	if (!/^\d+(\.\d+)?$/.test(value) || seconds <= 0 || seconds > 3600) {
		throw new InputError(
			`--timeout: "${value}" is not allowed; allowed: seconds from 0.1 to 3600, such as 30.`,
		);
	}

	return Math.round(seconds * 1000);
}

function checkCombinations(options: Arguments) {
	const conflict = (a: string, b: string, why: string) =>
		new InputError(`${a} cannot be used with ${b}: ${why}.`);
	if (options.reconfigure && options.upgrade) {
		throw conflict(
			'--reconfigure',
			'--upgrade',
			'an upgrade keeps the configuration untouched; choose one',
		);
	}

	if (options.engine && options.simulate === undefined) {
		throw new InputError(
			'--engine applies only with --simulate; allowed: --simulate NAME --engine builtin|powershell.',
		);
	}

	if (options.command === 'detect') {
		for (const flag of [
			'nonInteractive',
			'dryRun',
			'reconfigure',
			'upgrade',
			'passwordStdin',
		] as const) {
			if (options[flag]) {
				throw conflict(
					'detect',
					`--${kebab(flag)}`,
					'detect only reports; it writes nothing',
				);
			}
		}

		return;
	}

	if (options.dryRun && !options.nonInteractive) {
		throw new InputError(
			'--dry-run needs --non-interactive: the wizard shows what it will write on its Summary page.',
		);
	}

	if (options.dryRun && options.upgrade) {
		throw conflict(
			'--dry-run',
			'--upgrade',
			'an upgrade writes nothing anyway',
		);
	}

	if (options.json && !options.nonInteractive && !options.upgrade) {
		throw new InputError(
			'--json needs --non-interactive (or the detect command): the wizard shows its result on screen.',
		);
	}

	if (options.passwordStdin && !options.nonInteractive) {
		throw new InputError(
			'--password-stdin needs --non-interactive: standard input is the keyboard in the wizard.',
		);
	}
}

/** The field flag for an answer, with its dashes: `--exchange-version`. */
export function flagOf(field: keyof Answers): string {
	return `--${fields[field].flag}`;
}
