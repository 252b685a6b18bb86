/*
The entry point: read the flags, pick the face (wizard, unattended run or
detect), and exit with the contract's code. Nothing here draws: the wizard
and everything that loads chalk or Ink come in through a dynamic import, so
--help, --version and scripted runs start fast and NO_COLOR is mapped
before any colour library reads the environment.
*/
// First, so that zod is set up before any module parses with it.
// eslint-disable-next-line import-x/no-unassigned-import, import-x/order
import './zod-setup.js';
import process from 'node:process';
import packageJson from '../package.json' with {type: 'json'};
import {helpText, parseArguments, type Arguments} from './arguments.js';
import {InputError} from './answers/errors.js';
import type {Field} from './answers/fields.js';
import {mergeAnswers} from './answers/flags.js';
import {answersFromConfiguration} from './answers/from-configuration.js';
import {loadAnswersFile} from './answers/parse.js';
import type {Answers} from './answers/schema.js';
import {
	createEnvironment,
	EnvironmentUnavailableError,
} from './environment/create.js';
import {listScenarios, ScenarioError} from './environment/scenarios.js';
import type {Scenario} from './environment/scenario.js';
import type {Environment} from './environment/types.js';
import type {ConfigDocument} from './plan/types.js';
import {ConfigurationError, readConfiguration} from './store/configuration.js';
import {protectWithDpapi, SecretError} from './store/credential.js';
import {defaultPaths, pathsBeside, type Paths} from './store/paths.js';
import {isDumbTerminal, wantsAscii} from './terminal/capabilities.js';
import type {WizardOptions, WizardResult} from './wizard/types.js';
import {runDetect} from './unattended/detect.js';
import {readPassword} from './unattended/password.js';
import {exitCodes, resultOf, runUnattended} from './unattended/run.js';

// Chalk, which Ink uses, reads FORCE_COLOR but not NO_COLOR.
if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') {
	process.env['FORCE_COLOR'] = '0';
}

// A reader that stops early (`detect --json | head`) closes the pipe; the run
// goes on to its own end and exit code rather than dying on the next write.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code !== 'EPIPE') {
		throw error;
	}
});

/** A failure that ends the run with exit code 1 and this one line. */
class RunError extends Error {}

async function main(argv: readonly string[]): Promise<number> {
	const options = parseArguments(argv);
	if (options.command === 'help') {
		process.stdout.write(
			`\n${wrap(packageJson.description, '  ')}\n${formatHelp()}\n`,
		);
		return exitCodes.ok;
	}

	if (options.command === 'version') {
		process.stdout.write(`${packageJson.version}\n`);
		return exitCodes.ok;
	}

	if (options.simulate === 'list') {
		const scenarios = await listScenarios();
		const width = Math.max(...scenarios.map(({name}) => name.length));
		for (const {name, description} of scenarios) {
			process.stdout.write(`${name.padEnd(width)}  ${description}\n`);
		}

		return exitCodes.ok;
	}

	const scenario = await givenScenario(options.simulate);

	// --ascii, or a terminal that cannot draw Unicode (see capabilities.ts).
	const ascii =
		options.ascii || wantsAscii({env: process.env, platform: process.platform});
	const paths = options.config ? pathsBeside(options.config) : defaultPaths();
	const signal = interruption();
	const environment = async (): Promise<Environment> => {
		try {
			return await createEnvironment({
				simulate: options.simulate,
				scenario,
				engine: options.engine,
				log: options.log,
			});
		} catch (error) {
			if (error instanceof ScenarioError) {
				throw new InputError(`--simulate: ${error.message}.`);
			}

			// A --log path that cannot be written is bad input; an engine that
			// cannot run here is a failure to configure.
			if (
				error instanceof EnvironmentUnavailableError &&
				error.message.startsWith('--log')
			) {
				throw new InputError(
					`${error.message}; allowed: a file in a folder that exists and can be written.`,
				);
			}

			if (error instanceof EnvironmentUnavailableError) {
				throw new RunError(error.message);
			}

			throw error;
		}
	};

	if (options.command === 'detect') {
		return runDetect({
			answers: options.answers,
			createEnvironment: environment,
			timeoutMs: options.timeoutMs,
			json: options.json,
			ascii,
			signal,
			stdout: process.stdout,
			stderr: process.stderr,
		});
	}

	if (options.upgrade) {
		// "Kept untouched" is said of a file, even a broken one; with no file
		// there is nothing to keep, and the line must not claim otherwise.
		let present = true;
		try {
			present = (await readConfiguration(paths.configuration)) !== undefined;
		} catch {
			// Broken or unreadable, it is there all the same.
		}

		if (present) {
			return reportUpgrade(options, paths);
		}

		process.stderr.write(
			`Upgrade install: there is no Exchange configuration at ${paths.configuration}, and an upgrade writes none; run without --upgrade to create one.\n`,
		);
		if (options.json) {
			const result = resultOf(paths.configuration, exitCodes.ok, {
				skippedReason: 'upgrade',
			});
			process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
		}

		return exitCodes.ok;
	}

	// Both are bad input; a broken answer file is the more specific of the two.
	const fileAnswers = options.answersFile
		? await loadAnswersFile(options.answersFile)
		: {};
	if (
		!options.nonInteractive &&
		!(process.stdin.isTTY && process.stdout.isTTY)
	) {
		throw new InputError(
			'No terminal: the wizard needs one on stdin and stdout. For scripts, use --non-interactive with field flags or --answers FILE.',
		);
	}

	const existing = await readExisting(paths, options.reconfigure);
	const answers = mergeAnswers(
		options.reconfigure && existing ? answersFromConfiguration(existing) : {},
		fileAnswers,
		options.answers,
	);

	if (options.nonInteractive) {
		const password = options.passwordStdin ? await readPassword() : undefined;
		return runUnattended({
			answers,
			origins: originsOf(fileAnswers, options.answers),
			answersFile: options.answersFile,
			paths,
			existing,
			reconfigure: options.reconfigure,
			dryRun: options.dryRun,
			createEnvironment: environment,
			timeoutMs: options.timeoutMs,
			password,
			protect: protectWithDpapi,
			json: options.json,
			ascii,
			signal,
			stdout: process.stdout,
			stderr: process.stderr,
		});
	}

	return runInteractive({
		answers,
		existing,
		reconfigure: options.reconfigure,
		createEnvironment: environment,
		timeoutMs: options.timeoutMs,
		ascii,
		log: options.log,
		paths,
	});
}

/**
The scenario of --simulate, loaded once for the whole run. One that does
not load is bad input whatever the run would do, even one that detects
nothing (integration off, --upgrade).
*/
async function givenScenario(
	simulate: string | undefined,
): Promise<Scenario | undefined> {
	if (simulate === undefined) {
		return undefined;
	}

	const {loadScenario} = await import('./environment/scenarios.js');
	try {
		return await loadScenario(simulate);
	} catch (error) {
		throw error instanceof ScenarioError
			? new InputError(`--simulate: ${error.message}.`)
			: error;
	}
}

/**
The wizard, or on a dumb terminal (TERM=dumb) the plain line-by-line face
over the same flow, loaded only now so the scripted faces never load Ink.
Both write through the same store as the unattended run.
*/
async function runInteractive(input: {
	answers: Answers;
	existing: ConfigDocument | undefined;
	reconfigure: boolean;
	createEnvironment: () => Promise<Environment>;
	timeoutMs: number | undefined;
	ascii: boolean;
	log: string | undefined;
	paths: Paths;
}): Promise<number> {
	// Ink 6 draws nothing but the last frame when it thinks it runs in CI,
	// and it decides from these variables when it loads. This face runs only
	// on a terminal, where a CI variable left in the shell must not hide it.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	const plain = isDumbTerminal({env: process.env});
	const [face, {writeConfiguration}, {saveAnswers}] = await Promise.all([
		plain ? loadPlainFace() : import('./wizard/run.js'),
		import('./store/configuration.js'),
		import('./store/answers-file.js'),
	]);
	const {paths} = input;
	const environment = await input.createEnvironment();
	try {
		const result = await face.runWizard({
			environment,
			initialAnswers: input.answers,
			configPath: paths.configuration,
			installMode: input.reconfigure ? 'reconfigure' : undefined,
			existing: input.existing,
			timeoutMs: input.timeoutMs,
			ascii: input.ascii,
			transcriptPath: input.log,
			async apply(document) {
				const written = await writeConfiguration(paths.configuration, document);
				return {
					configPath: paths.configuration,
					backupPath: written.backupPath,
					changed: written.changed,
				};
			},
			async saveAnswers(answers) {
				await saveAnswers(paths.answers, answers);
				return paths.answers;
			},
		});
		switch (result.kind) {
			case 'interrupted': {
				// The plain face has said so on its own lines already.
				if (!plain) {
					process.stderr.write('Interrupted; nothing was written.\n');
				}

				return exitCodes.interrupted;
			}

			case 'applied': {
				process.stdout.write(`Configuration written to ${result.configPath}\n`);
				return exitCodes.ok;
			}

			case 'saved-answers': {
				process.stdout.write(`Answer file written to ${result.path}\n`);
				return exitCodes.ok;
			}

			case 'skipped': {
				process.stdout.write(`Nothing written: ${result.reason}\n`);
				return exitCodes.ok;
			}
		}
	} finally {
		await environment.dispose();
	}
}

/** The plain face, called as the wizard is, on this process's streams. */
async function loadPlainFace(): Promise<{
	runWizard: (options: WizardOptions) => Promise<WizardResult>;
}> {
	const {runPlain} = await import('./plain/run.js');
	return {
		// The plain face draws no glyphs and takes the process's streams.
		async runWizard(options) {
			return runPlain({
				...options,
				input: process.stdin,
				output: process.stdout,
			});
		},
	};
}

async function readExisting(
	paths: Paths,
	reconfigure: boolean,
): Promise<ConfigDocument | undefined> {
	try {
		const existing = await readConfiguration(paths.configuration);
		if (!existing && reconfigure) {
			throw new RunError(
				`--reconfigure: there is no configuration at ${paths.configuration} yet; run without --reconfigure to create one, or name it with --config FILE.`,
			);
		}

		return existing;
	} catch (error) {
		// Only --reconfigure starts from the file; a plain run replaces a
		// broken file and keeps it as the backup.
		if (error instanceof ConfigurationError && !reconfigure) {
			return undefined;
		}

		throw error;
	}
}

function reportUpgrade(options: Arguments, paths: Paths): number {
	const line = `Upgrade install: the Exchange configuration at ${paths.configuration} is kept untouched; run with --reconfigure after the upgrade to change it.`;
	process.stderr.write(`${line}\n`);
	if (options.json) {
		const result = resultOf(paths.configuration, exitCodes.ok, {
			skippedReason: 'upgrade',
		});
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	}

	return exitCodes.ok;
}

function originsOf(
	file: Answers,
	flags: Answers,
): Partial<Record<Field, 'flag' | 'file'>> {
	const origins: Partial<Record<Field, 'flag' | 'file'>> = {};
	for (const field of Object.keys(file) as Field[]) {
		origins[field] = 'file';
	}

	for (const field of Object.keys(flags) as Field[]) {
		origins[field] = 'flag';
	}

	return origins;
}

/**
Ctrl+C (SIGINT), or SIGTERM from a deployment tool that gives up, cancels
what is running; the faces then exit 130 without writing, and PowerShell is
ended on the way out. A second signal does not wait.
*/
function interruption(): AbortSignal {
	const controller = new AbortController();
	const interrupt = () => {
		if (controller.signal.aborted) {
			// eslint-disable-next-line unicorn/no-process-exit -- a second Ctrl+C
			process.exit(exitCodes.interrupted);
		}

		controller.abort();
	};

	process.on('SIGINT', interrupt);
	process.on('SIGTERM', interrupt);
	return controller.signal;
}

/** Breaks text into lines that fit 80 columns with one to spare. */
function wrap(text: string, indent: string): string {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		if (line && indent.length + line.length + 1 + word.length > 79) {
			lines.push(indent + line);
			line = word;
		} else {
			line = line ? `${line} ${word}` : word;
		}
	}

	lines.push(indent + line);
	return lines.join('\n');
}

function formatHelp(): string {
	return helpText.replaceAll(/^\t/gm, '  ');
}

async function exit(code: number) {
	// Let piped stdout drain before the process ends.
	await new Promise<void>(resolve => {
		process.stdout.write('', () => {
			resolve();
		});
	});
	// eslint-disable-next-line unicorn/no-process-exit -- the command's end
	process.exit(code);
}

/** Runs the command and ends the process with the contract's exit code. */
async function run(): Promise<void> {
	try {
		await exit(await main(process.argv.slice(2)));
	} catch (error) {
		if (error instanceof InputError) {
			process.stderr.write(`${error.lines.join('\n')}\n`);
			await exit(exitCodes.badInput);
		} else if (error instanceof RunError || error instanceof SecretError) {
			process.stderr.write(`${error.message}\n`);
			await exit(exitCodes.failed);
		} else if (error instanceof ConfigurationError) {
			process.stderr.write(`${error.message}\n`);
			await exit(exitCodes.failed);
		} else {
			// An unexpected failure is still one line; K2_EXCHANGE_SETUP_DEBUG
			// shows the stack for a bug report.
			process.stderr.write(
				`k2-exchange-setup: unexpected error: ${(error as Error).message ?? String(error)}\n`,
			);
			if (process.env['K2_EXCHANGE_SETUP_DEBUG']) {
				process.stderr.write(`${(error as Error).stack}\n`);
			}

			await exit(exitCodes.failed);
		}
	}
}

// Not a top-level await: the bundle is a classic script, so that V8 can
// cache its compiled code (see scripts/bundle.js).
// eslint-disable-next-line unicorn/prefer-top-level-await
void run();
