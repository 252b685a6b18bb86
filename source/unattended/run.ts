/*
The run without prompts, for deployment scripts: detect, resolve the answers,
plan, write. Progress goes to stderr as plain lines; the result goes to
stdout (JSON with --json). Every outcome maps to one of the contract's exit
codes, and nothing is written unless the whole run succeeded.
*/
import {Buffer} from 'node:buffer';
import type {Writable} from 'node:stream';
import {bothNamesOf, nameOf, type Field} from '../answers/fields.js';
import {resolve, type Problem} from '../answers/resolve.js';
import type {Answers} from '../answers/schema.js';
import {checkRights, type RightCheck} from '../detection/rights.js';
import {runDetection} from '../detection/run.js';
import type {CheckResult, DetectionReport} from '../detection/types.js';
import type {Environment} from '../environment/types.js';
import {diffConfigurations, type ConfigChange} from '../plan/diff.js';
import {createPlan} from '../plan/plan.js';
import type {ConfigDocument} from '../plan/types.js';
import type {Paths} from '../store/paths.js';
import {
	protectPassword,
	saveCredential,
	type Protect,
} from '../store/credential.js';
import {readIfPresent} from '../store/atomic.js';
import {
	serializeConfiguration,
	writeConfiguration,
} from '../store/configuration.js';
import {blockerOf} from './blocking.js';
import {changeLine, checkLines, orderedChecks} from './lines.js';
import {forScripts, type FixContext} from './script-fixes.js';

export const exitCodes = {
	ok: 0,
	failed: 1,
	badInput: 2,
	interrupted: 130,
} as const;

export type UnattendedOptions = {
	/** File, flags and (on --reconfigure) the existing configuration, merged. */
	readonly answers: Answers;
	/** Which source gave each answer, to name it in messages. */
	readonly origins: Readonly<Partial<Record<Field, 'flag' | 'file'>>>;
	readonly answersFile?: string;
	readonly paths: Paths;
	readonly existing: ConfigDocument | undefined;
	readonly reconfigure: boolean;
	/** Plan and compare with the file on disk, but write nothing. */
	readonly dryRun?: boolean;
	readonly createEnvironment: () => Promise<Environment>;
	readonly timeoutMs?: number;
	/** Read from stdin when --password-stdin was given. */
	readonly password?: string;
	readonly protect: Protect;
	readonly json: boolean;
	readonly ascii: boolean;
	readonly signal: AbortSignal;
	readonly stdout: Writable;
	readonly stderr: Writable;
};

/** What --json prints: one object, the same keys on every outcome. */
export type UnattendedResult = {
	readonly ok: boolean;
	/** Written, or with dryRun: would be written. */
	readonly changed: boolean;
	readonly dryRun: boolean;
	readonly configPath: string;
	readonly backupPath: string | null;
	readonly configured: boolean;
	readonly skippedReason: string | null;
	readonly error: string | null;
	readonly fix: string | null;
	readonly changes: readonly ConfigChange[];
	readonly checks: readonly CheckResult[];
	/** Rights still to be granted: warnings with the command that grants each. */
	readonly rights: readonly RightCheck[];
};

/** The --json result, with every key present whatever the outcome. */
export function resultOf(
	configPath: string,
	code: number,
	result: Partial<UnattendedResult>,
): UnattendedResult {
	return {
		ok: code === exitCodes.ok,
		changed: false,
		dryRun: false,
		configPath,
		backupPath: null,
		configured: false,
		skippedReason: null,
		error: null,
		fix: null,
		changes: [],
		checks: [],
		rights: [],
		...result,
	};
}

// eslint-disable-next-line complexity -- the contract's steps, in order
export async function runUnattended(
	options: UnattendedOptions,
): Promise<number> {
	const say = (line: string) => {
		options.stderr.write(`${line}\n`);
	};

	const finish = (code: number, result: Partial<UnattendedResult>) => {
		if (options.json) {
			const full = resultOf(options.paths.configuration, code, {
				dryRun: options.dryRun === true,
				...result,
			});
			options.stdout.write(`${JSON.stringify(full, null, 2)}\n`);
		}

		return code;
	};

	// Mistakes in the input itself are reported before detection spends
	// any time; what detection may fill is checked after it.
	const early = earlyProblems(options);
	if (early.length > 0) {
		const lines = problemLines(early, options);
		for (const line of lines) {
			say(line);
		}

		return finish(exitCodes.badInput, {error: lines.join(' ')});
	}

	let report: DetectionReport | undefined;
	if (options.answers.useExchange === true) {
		const environment = await options.createEnvironment();
		say(`Detecting the Exchange environment (${environment.description})`);
		try {
			report = await runDetection(
				environment,
				{
					email: options.answers.email,
					autodiscover: options.answers.autodiscover ?? true,
					server: options.answers.server,
				},
				{
					timeoutMs: options.timeoutMs,
					signal: options.signal,
					onEvent(event) {
						if (event.type === 'finished') {
							const check = forScripts(event.result, fixContext(options));
							for (const line of checkLines(check, options.ascii)) {
								say(line);
							}
						}
					},
				},
			);
		} finally {
			await environment.dispose();
		}

		if (options.signal.aborted) {
			say('Interrupted; nothing was written.');
			return finish(exitCodes.interrupted, {error: 'interrupted'});
		}

		if (report.findings.installMode === 'upgrade' && !options.reconfigure) {
			say(
				`This computer has an upgrade install: ${await keptLine(options.paths.configuration)}`,
			);
			return finish(exitCodes.ok, {
				skippedReason: 'upgrade',
				checks: scriptChecks(report, options),
			});
		}

		// What the run would configure decides which failed checks matter.
		const planned = resolve(options.answers, report).answers;
		const blocker = blockerOf(report, planned, {
			...fixContext(options),
			server: planned.server,
		});
		if (blocker) {
			say(`Exchange cannot be configured: ${blocker.reason}`);
			say(`Fix: ${blocker.fix}`);
			say('Nothing was written.');
			return finish(exitCodes.failed, {
				error: blocker.reason,
				fix: blocker.fix,
				checks: scriptChecks(report, options),
			});
		}
	}

	const checks = report ? scriptChecks(report, options) : [];
	const {answers, problems} = resolve(options.answers, report, {
		passwordStdin: options.password !== undefined,
	});
	// Detection that failed has stopped the run above; what is left open
	// now is for the flags or the answer file to say.
	if (problems.length > 0) {
		const lines = problemLines(problems, options);
		for (const line of lines) {
			say(line);
		}

		say('Nothing was written.');
		return finish(exitCodes.badInput, {
			error: lines.join(' '),
			checks,
		});
	}

	// A missing right is a warning, not a failure: Exchange administrators
	// often grant rights after the install.
	const rights = report?.findings
		? checkRights({
				findings: report.findings,
				deployment: answers.deployment ?? 'on-premises',
				standard: answers.standard ?? false,
				administrative: answers.administrative ?? false,
				serviceAccount: answers.serviceAccount ?? null,
			}).filter(right => right.status === 'warn')
		: [];
	for (const right of rights) {
		say(`! ${right.right} for ${right.holder}: ${right.detail}`);
		if (right.fix) {
			say(`  grant it with: ${right.fix}`);
		}
	}

	const document = createPlan({answers, report});
	const changes = diffConfigurations(options.existing, document);
	// The same comparison the writer makes: the bytes it would write against
	// the bytes on disk, so a dry run and a real one agree on `changed`.
	const finishDryRun = async (
		planned: ConfigDocument,
		differences: readonly ConfigChange[],
	) => {
		const onDisk = await readIfPresent(options.paths.configuration);
		const changed = !onDisk?.equals(
			Buffer.from(serializeConfiguration(planned)),
		);
		const line = changed
			? `Dry run: ${options.paths.configuration} would be written; nothing was written.`
			: `Dry run: ${options.paths.configuration} is up to date; nothing was written.`;
		if (options.json) {
			say(line);
		} else {
			options.stdout.write(`${line}\n`);
		}

		return finish(exitCodes.ok, {
			changed,
			dryRun: true,
			configured: planned.exchange.enabled,
			skippedReason: skippedReasonOf(planned),
			changes: changed ? differences : [],
			checks,
			rights,
		});
	};

	if (options.reconfigure && options.existing) {
		say(
			changes.length === 0
				? 'No difference from the existing configuration.'
				: 'Difference from the existing configuration:',
		);
		for (const change of changes) {
			say(`  ${changeLine(change)}`);
		}
	}

	let protectedPassword: string | undefined;
	if (options.password !== undefined) {
		try {
			protectedPassword = await protectPassword(
				options.password,
				options.protect,
			);
		} catch (error) {
			say((error as Error).message);
			say('Nothing was written.');
			return finish(exitCodes.failed, {
				error: (error as Error).message,
				checks,
			});
		}
	}

	if (options.signal.aborted) {
		say('Interrupted; nothing was written.');
		return finish(exitCodes.interrupted, {error: 'interrupted', checks});
	}

	// After the password check: a dry run fails where the real run would.
	if (options.dryRun) {
		return finishDryRun(document, changes);
	}

	// The credential first: a configuration that names Static authentication
	// is never on disk without the password it needs.
	let written;
	let writing = options.paths.credential;
	try {
		if (protectedPassword !== undefined && answers.serviceAccount) {
			await saveCredential(options.paths.credential, {
				account: answers.serviceAccount,
				protectedPassword,
			});
		}

		writing = options.paths.configuration;
		written = await writeConfiguration(options.paths.configuration, document);
	} catch (error) {
		const why =
			(error as NodeJS.ErrnoException).code ?? (error as Error).message;
		const message = `${writing}: could not be written (${why}).`;
		say(message);
		return finish(exitCodes.failed, {error: message, checks});
	}

	const skippedReason = skippedReasonOf(document);
	if (skippedReason) {
		say(`Exchange is not configured: ${skippedReason}`);
	}

	const line = written.changed
		? `Configuration written to ${options.paths.configuration}${written.backupPath ? ` (previous kept as ${written.backupPath})` : ''}.`
		: `Configuration unchanged: ${options.paths.configuration}.`;
	if (options.json) {
		say(line);
	} else {
		options.stdout.write(`${line}\n`);
	}

	return finish(exitCodes.ok, {
		changed: written.changed,
		backupPath: written.backupPath,
		configured: document.exchange.enabled,
		skippedReason,
		changes: written.changed ? changes : [],
		checks,
		rights,
	});
}

/** The checks in the contract's order, their fixes worded for a script. */
function scriptChecks(
	report: DetectionReport,
	options: UnattendedOptions,
): CheckResult[] {
	return orderedChecks(report.checks).map(check =>
		forScripts(check, fixContext(options)),
	);
}

function fixContext(options: UnattendedOptions): FixContext {
	return {timeoutMs: options.timeoutMs, server: options.answers.server};
}

/** What an upgrade install does to the file, true whether or not it exists. */
async function keptLine(file: string): Promise<string> {
	let present = true;
	try {
		present = (await readIfPresent(file)) !== undefined;
	} catch {
		// Unreadable is still there, and still left alone.
	}

	return present
		? `the Exchange configuration at ${file} is kept untouched; run with --reconfigure to change it.`
		: `there is no Exchange configuration at ${file}, and an upgrade writes none.`;
}

function skippedReasonOf(document: ConfigDocument): string | null {
	return document.exchange.enabled ? null : document.exchange.skippedReason;
}

/** Answers detection fills, so their absence shows only after it. */
const fillable = new Set<Field>([
	'server',
	'exchangeVersion',
	'mailboxDatabase',
]);

/**
At most two lines: problems that share a message are named together, the
first problem gets the first line and the rest share the second.
*/
function problemLines(
	problems: readonly Problem[],
	options: Pick<UnattendedOptions, 'origins' | 'answersFile'>,
): string[] {
	const groups = new Map<string, string[]>();
	for (const problem of problems) {
		const names = groups.get(problem.message) ?? [];
		names.push(nameOfProblem(problem, options));
		groups.set(problem.message, names);
	}

	const sentences = [...groups].map(([message, names]) => {
		if (names.length === 1) {
			return `${names[0]} ${message}.`;
		}

		const listed = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
		return `${listed} ${message.replace(/^is /, 'are ')}.`;
	});
	return sentences.length <= 1
		? sentences
		: [sentences[0]!, `Also: ${sentences.slice(1).join(' ')}`];
}

function nameOfProblem(
	problem: Problem,
	options: Pick<UnattendedOptions, 'origins' | 'answersFile'>,
): string {
	const origin = options.origins[problem.field];
	if (origin === 'flag') {
		return nameOf(problem.field, {kind: 'flag'});
	}

	if (origin === 'file' && options.answersFile) {
		return nameOf(problem.field, {kind: 'file', path: options.answersFile});
	}

	return bothNamesOf(problem.field);
}

/** Problems that no detection result can change. */
function earlyProblems(options: UnattendedOptions): Problem[] {
	const {answers} = options;
	const deploymentGiven =
		answers.deployment !== undefined || answers.exchangeVersion !== undefined;
	const {problems} = resolve(answers, undefined, {
		passwordStdin: options.password !== undefined,
	});
	return problems.filter(
		problem =>
			!fillable.has(problem.field) &&
			(deploymentGiven ||
				['email', 'authentication', 'serviceAccount'].includes(problem.field)),
	);
}
