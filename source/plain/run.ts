/*
The plain face: the wizard's flow asked one line at a time, for terminals
that cannot draw a screen (TERM=dumb) and for screen readers. The pages,
their order, validation, the plan and the files written are the same as the
wizard's; only the asking differs. Choices are numbered and typed, free text
is typed, Enter alone keeps what is shown, and `back` returns to the page
before.
*/
import process from 'node:process';
import type {Answers} from '../answers/schema.js';
import {startDetection, type DetectionRun} from '../detection/run.js';
import {checkRights} from '../detection/rights.js';
import type {CheckResult} from '../detection/types.js';
import {checkLabels} from '../flow/checks.js';
import {
	authenticationChoices,
	databaseChoices,
	deploymentChoices,
	onPremisesVersionChoices,
	serverChoices,
} from '../flow/choices.js';
import {
	fieldLabels,
	fieldsOf,
	passwordField,
	type FieldId,
} from '../flow/fields.js';
import {pageTitles, stepOf, type PageId} from '../flow/pages.js';
import {reconfigureLater, serverToEnter} from '../flow/skip.js';
import {changeLines, summaryLines} from '../flow/summary.js';
import {checkField} from '../flow/validate.js';
import {versionOf} from '../flow/version.js';
import {
	back,
	detectionSettled,
	detectionStarted,
	finalAnswers,
	next,
	serverAsked,
	setAnswers,
	startFlow,
	type FlowState,
} from '../flow/wizard.js';
import {diffConfigurations} from '../plan/diff.js';
import {createPlan} from '../plan/plan.js';
import type {ConfigDocument} from '../plan/types.js';
import {settled} from '../settled.js';
import type {WizardOptions, WizardResult} from '../wizard/types.js';
import {createLineReader, type LineReader} from './line-reader.js';
import {
	askChoice,
	askText,
	askYesNo,
	backWord,
	goBack,
	InputEndedError,
} from './questions.js';

export type PlainOptions = Omit<WizardOptions, 'ascii' | 'stdin' | 'stdout'> & {
	readonly input: NodeJS.ReadableStream;
	readonly output: NodeJS.WritableStream;
	/**
	Whether Ctrl+C (SIGINT) ends the run as interrupted. Tests driving the face
	through streams turn it off.
	@default true
	*/
	readonly handleInterrupt?: boolean;
};

class InterruptedError extends Error {}

/** A page's outcome: the flow moved on, or the administrator typed back. */
type Step = FlowState | typeof goBack;

export async function runPlain(options: PlainOptions): Promise<WizardResult> {
	const reader = createLineReader(options.input, options.output);
	let detection: DetectionRun | undefined;
	let interrupt: (() => void) | undefined;
	const interrupted = new Promise<never>((_resolve, reject) => {
		interrupt = () => {
			reject(new InterruptedError());
		};
	});
	// Keeps the rejection from being reported when nobody interrupts.
	void settled(interrupted);
	const onSigint = () => {
		detection?.cancel();
		interrupt?.();
	};

	if (options.handleInterrupt ?? true) {
		process.on('SIGINT', onSigint);
	}

	try {
		return await Promise.race([
			walk(options, reader, run => {
				detection = run;
			}),
			interrupted,
		]);
	} catch (error) {
		if (error instanceof InterruptedError || error instanceof InputEndedError) {
			detection?.cancel();
			reader.say();
			reader.say('Interrupted: nothing was written.');
			return {kind: 'interrupted'};
		}

		throw error;
	} finally {
		process.off('SIGINT', onSigint);
		reader.close();
	}
}

async function walk(
	options: PlainOptions,
	reader: LineReader,
	onDetection: (run: DetectionRun) => void,
): Promise<WizardResult> {
	let state = startFlow({
		answers: options.initialAnswers,
		installMode: options.installMode,
	});
	reader.say('K2 Setup Manager: Exchange integration');
	reader.say(
		`Type the number of a choice and press Enter. Enter alone keeps what is shown; "${backWord}" returns to the page before.`,
	);

	for (;;) {
		heading(reader, state.page);
		let step: Step;
		switch (state.page) {
			case 'detecting': {
				// eslint-disable-next-line no-await-in-loop
				step = await detectingPage(options, reader, state, onDetection);
				break;
			}

			case 'not-shown': {
				// eslint-disable-next-line no-await-in-loop
				step = await notShownPage(reader, state);
				break;
			}

			case 'summary': {
				// eslint-disable-next-line no-await-in-loop
				const outcome = await summaryPage(options, reader, state);
				if (outcome === goBack) {
					step = goBack;
					break;
				}

				return outcome;
			}

			case 'done': {
				throw new Error('The done page is reached only through the summary.');
			}

			case 'exchange':
			case 'configuration':
			case 'accounts': {
				// eslint-disable-next-line no-await-in-loop
				step = await formPage(reader, state);
			}
		}

		state = step === goBack ? back(state) : step;
	}
}

function heading(reader: LineReader, page: PageId) {
	reader.say();
	reader.say(`== ${pageTitles[page]} (${stepOf(page)}) ==`);
}

/**
A page of fields: ask each field the flow shows, in order, then Next. Fields
with problems are asked again, with the problem, until the page passes.
*/
async function formPage(reader: LineReader, start: FlowState): Promise<Step> {
	let state = start;
	describePage(reader, state);
	let fields = fieldsOf(state.page, state.answers, state.report);
	for (;;) {
		for (let index = 0; index < fields.length; index++) {
			const field = fields[index]!;
			if (!applies(field, state)) {
				continue;
			}

			// eslint-disable-next-line no-await-in-loop
			const answer = await askField(reader, field, state);
			if (answer === goBack) {
				return goBack;
			}

			state = setAnswers(state, {[field]: answer});
			// An answer can change which fields follow (Online has fewer).
			const now = fieldsOf(state.page, state.answers, state.report);
			if (now.join(',') !== fields.join(',')) {
				fields = now;
				index = now.indexOf(field);
			}
		}

		if (state.page === 'accounts') {
			sayRights(reader, state);
		}

		const moved = next(state);
		if (moved.page !== state.page) {
			return moved;
		}

		const problems = Object.entries(moved.errors);
		for (const [field, message] of problems) {
			reader.say(
				`Problem: ${field === passwordField ? passwordRefusal : message}`,
			);
		}

		state = moved;
		// The password cannot be asked here, so its mode is asked again.
		fields = [
			...new Set(
				problems.map(([field]) =>
					field === passwordField ? 'authentication' : (field as FieldId),
				),
			),
		];
	}
}

/**
Lines are read as typed, with echo, so a password typed here would show on
the screen and stay in the terminal's scrollback.
*/
const passwordRefusal =
	"Static authentication needs the account's password, which this line-by-line face would show as it is typed. Choose another mode here, or configure Static unattended: k2-exchange-setup --non-interactive --authentication static --password-stdin.";

/**
The rights the chosen integrations need. A missing right is a warning with
the command that grants it, never a reason to stop.
*/
function sayRights(reader: LineReader, state: FlowState) {
	const {answers, report} = state;
	if (!report) {
		return;
	}

	reader.say();
	reader.say('Rights');
	for (const right of checkRights({
		findings: report.findings,
		deployment: answers.deployment ?? 'on-premises',
		standard: answers.standard ?? false,
		administrative: answers.administrative ?? false,
		serviceAccount: answers.serviceAccount ?? null,
	})) {
		if (right.status === 'skip') {
			continue;
		}

		reader.say(
			`  ${right.status.padEnd(4)}  ${right.right} for ${right.holder}: ${right.detail}`,
		);
		if (right.fix) {
			reader.say(`        Grant it with: ${right.fix}`);
		}
	}
}

/** Fields that a choice already made renders moot are not asked. */
function applies(field: FieldId, state: FlowState): boolean {
	const {answers} = state;
	if (field === 'autodiscover' || field === 'email') {
		return answers.useExchange === true;
	}

	return true;
}

function describePage(reader: LineReader, state: FlowState) {
	const {answers, report} = state;
	if (state.page === 'configuration' && report) {
		if (report.proposal.deployment) {
			reader.say(`Proposed: ${report.proposal.reason}`);
		}

		if (serverToEnter(report)) {
			reader.say(
				serverAsked(state)
					? `${answers.server} did not answer. Correct the name and the checks run again against it, or keep it to leave Exchange unconfigured.`
					: "Nothing was discovered: enter the server's FQDN, and the checks run again against it.",
			);
		}

		const version = versionOf(answers, report);
		if (version.source !== null && answers.deployment !== 'online') {
			const build = version.build ? ` (${version.build})` : '';
			reader.say(
				`Exchange Version: ${describeChoice(version.choice)}${build}, detected from ${version.source}`,
			);
		}
	}

	if (state.page === 'accounts' && answers.deployment === 'online') {
		reader.say(
			'Note: Exchange Web Services in Exchange Online is blocked by default since 1 October 2026 and shuts down on 1 April 2027, so Online integration goes through Microsoft Graph with an Entra app registration.',
		);
	}
}

function describeChoice(choice: string | undefined): string {
	return (
		onPremisesVersionChoices.find(option => option.value === choice)?.label ??
		choice ??
		'unknown'
	);
}

async function askField(
	reader: LineReader,
	field: FieldId,
	state: FlowState,
): Promise<Answers[FieldId] | typeof goBack> {
	const {answers, report} = state;
	const label = fieldLabels[field];
	reader.say();
	switch (field) {
		case 'useExchange':
		case 'autodiscover':
		case 'standard':
		case 'administrative': {
			return askYesNo(reader, `${label}?`, answers[field] ?? false);
		}

		case 'deployment': {
			return askChoice(reader, label, deploymentChoices, answers.deployment);
		}

		case 'exchangeVersion': {
			return askChoice(
				reader,
				label,
				onPremisesVersionChoices,
				answers.exchangeVersion,
			);
		}

		case 'authentication': {
			return askChoice(
				reader,
				label,
				authenticationChoices,
				answers.authentication,
			);
		}

		case 'server': {
			const servers = report?.findings.servers ?? [];
			return askChoiceOrText(
				reader,
				field,
				serverChoices(servers),
				answers.server,
			);
		}

		case 'mailboxDatabase': {
			const databases = report?.findings.databases ?? [];
			return askChoiceOrText(
				reader,
				field,
				databaseChoices(databases),
				answers.mailboxDatabase,
			);
		}

		case 'email':
		case 'serviceAccount':
		case 'tenantId':
		case 'clientId':
		case 'certificateThumbprint': {
			return askPlainText(reader, field, answers[field]);
		}
	}
}

async function askPlainText(
	reader: LineReader,
	field: FieldId,
	current: string | undefined,
) {
	return askText(reader, fieldLabels[field], current, {
		check: value => checkField(field, value),
		// Whether an empty field may stay empty is the page's rule (Next
		// reports it), so the question itself lets it pass.
		optional: true,
	});
}

/**
A list that may be long (a thousand servers): the choices are numbered, and
a name may be typed instead of a number. With no choices, the name is typed.
*/
async function askChoiceOrText(
	reader: LineReader,
	field: FieldId,
	choices: ReadonlyArray<{value: string; label: string}>,
	current: string | undefined,
): Promise<string | undefined | typeof goBack> {
	if (choices.length === 0) {
		return askPlainText(reader, field, current);
	}

	reader.say(fieldLabels[field]);
	for (const [index, choice] of choices.entries()) {
		reader.say(`  ${index + 1}. ${choice.label}`);
	}

	const answer = await askText(
		reader,
		`Type a number from 1 to ${choices.length}, or a name`,
		current,
		{
			check(value) {
				const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
				if (!Number.isNaN(number)) {
					return choices[number - 1]
						? undefined
						: `"${value}" is not one of the numbers 1 to ${choices.length}.`;
				}

				return checkField(field, value);
			},
			optional: true,
		},
	);
	if (typeof answer === 'string' && /^\d+$/.test(answer)) {
		return choices[Number(answer) - 1]!.value;
	}

	return answer;
}

/**
The live check list, one line per check as it finishes. Checks that failed
for want of an answer (timed out, cancelled) can be run again. Coming back to
this page shows the results already found rather than asking again.
*/
async function detectingPage(
	options: PlainOptions,
	reader: LineReader,
	start: FlowState,
	onDetection: (run: DetectionRun) => void,
): Promise<Step> {
	let {report} = start;
	let run: DetectionRun | undefined;
	if (report) {
		reader.say('The checks found:');
		for (const check of report.checks) {
			sayCheck(reader, check);
		}
	} else {
		run = detect(options, reader, start);
		onDetection(run);
		report = await run.done();
	}

	for (;;) {
		const failed = report.checks.filter(check => check.status === 'fail');
		reader.say(
			failed.length === 0
				? 'Every check finished without a failure.'
				: `${failed.length} check(s) failed.`,
		);
		reader.say();
		// eslint-disable-next-line no-await-in-loop
		const choice = await askChoice(
			reader,
			'What next?',
			[
				{value: 'continue', label: 'Continue with what was found'},
				{
					value: 'retry',
					label:
						failed.length > 0 && run
							? 'Retry the checks that did not answer'
							: 'Run the checks again',
				},
			],
			'continue',
		);
		if (choice === goBack) {
			return goBack;
		}

		if (choice === 'continue') {
			break;
		}

		if (failed.length > 0 && run) {
			run.retry();
		} else {
			run = detect(options, reader, start);
			onDetection(run);
		}

		// eslint-disable-next-line no-await-in-loop
		report = await run.done();
	}

	return next(detectionSettled(start, report));
}

function detect(
	options: PlainOptions,
	reader: LineReader,
	state: FlowState,
): DetectionRun {
	const {answers} = detectionStarted(state);
	reader.say('Running the checks; each is listed as it finishes.');
	return startDetection(
		options.environment,
		{
			email: answers.email,
			autodiscover: answers.autodiscover ?? true,
			server: answers.server,
		},
		{
			timeoutMs: options.timeoutMs,
			onEvent(event) {
				if (event.type === 'finished') {
					sayCheck(reader, event.result);
				}
			},
		},
	);
}

function sayCheck(reader: LineReader, result: CheckResult) {
	const seconds = `${(result.ms / 1000).toFixed(1)} s`;
	reader.say(
		`  ${result.status.padEnd(4)}  ${checkLabels[result.id]} (${seconds}): ${result.summary}`,
	);
	if (result.fix) {
		reader.say(`        Fix: ${result.fix}`);
	}
}

async function notShownPage(
	reader: LineReader,
	state: FlowState,
): Promise<Step> {
	reader.say('The Exchange Server Configuration page is not shown.');
	if (state.skip) {
		reader.say(`Why: ${state.skip.reason}`);
		if (state.skip.fix) {
			reader.say(`Fix: ${state.skip.fix}`);
		}
	}

	reader.say(reconfigureLater);
	const line = await reader.ask('Press Enter to continue: ');
	if (line === undefined) {
		throw new InputEndedError();
	}

	return line.trim().toLowerCase() === backWord ? goBack : next(state);
}

async function summaryPage(
	options: PlainOptions,
	reader: LineReader,
	state: FlowState,
): Promise<WizardResult | typeof goBack> {
	const answers = finalAnswers(state);
	const document = createPlan({
		answers,
		report: state.report,
		skippedReason: state.skip?.reason,
	});
	const writes = state.skip?.kind !== 'upgrade';
	if (writes) {
		for (const line of summaryLines(document)) {
			reader.say(line.text);
		}

		if (options.existing) {
			for (const line of changeLines(
				diffConfigurations(options.existing, document),
			)) {
				reader.say(line.text);
			}
		}
	} else {
		reader.say('Nothing is written.');
		reader.say(`Reason: ${state.skip?.reason ?? ''}`);
	}

	for (;;) {
		reader.say();
		// eslint-disable-next-line no-await-in-loop
		const action = await askChoice(
			reader,
			'What next?',
			[
				{value: 'apply', label: writes ? 'Apply' : 'Finish'},
				{value: 'back', label: 'Back'},
				{value: 'save', label: 'Save the answer file only'},
			],
			'apply',
		);
		if (action === goBack || action === 'back') {
			return goBack;
		}

		try {
			if (action === 'save') {
				// eslint-disable-next-line no-await-in-loop
				const path = await options.saveAnswers(answers);
				heading(reader, 'done');
				reader.say(`Answer file: ${path}`);
				reader.say('The configuration was not written.');
				return {kind: 'saved-answers', path};
			}

			// eslint-disable-next-line no-await-in-loop
			return await finish(options, reader, state, {answers, document, writes});
		} catch (error) {
			reader.say(`Could not write: ${(error as Error).message}`);
		}
	}
}

/** What the summary showed: the answers, their plan, whether it is written. */
type Summary = {
	readonly answers: Answers;
	readonly document: ConfigDocument;
	readonly writes: boolean;
};

async function finish(
	options: PlainOptions,
	reader: LineReader,
	state: FlowState,
	{answers, document, writes}: Summary,
): Promise<WizardResult> {
	// As in the wizard, Apply writes the configuration only; the answer file
	// is the Summary's other choice.
	const applied = writes ? await options.apply(document) : undefined;
	heading(reader, 'done');
	if (applied) {
		reader.say(
			`Configuration: ${applied.configPath}${applied.changed ? '' : ' (already up to date)'}`,
		);
		if (applied.backupPath) {
			reader.say(`Previous version: ${applied.backupPath}`);
		}
	} else {
		reader.say('Configuration: kept as it was');
	}

	reader.say('Answer file: not saved');
	reader.say(
		`Transcript: ${options.transcriptPath ?? 'not kept (run with --log FILE to keep one)'}`,
	);
	if (document.exchange.enabled) {
		return {
			kind: 'applied',
			document,
			answers,
			configPath: applied?.configPath ?? '',
		};
	}

	return {
		kind: 'skipped',
		reason: state.skip?.reason ?? document.exchange.skippedReason,
		document,
	};
}
