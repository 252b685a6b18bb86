/*
`detect`: run every check and report it, for an administrator checking a
server before the install or a script gating on the result. Exit 0 when no
check failed, 1 otherwise.
*/
import type {Writable} from 'node:stream';
import type {Answers} from '../answers/schema.js';
import {runDetection} from '../detection/run.js';
import type {DetectionReport} from '../detection/types.js';
import type {Environment} from '../environment/types.js';
import {checkLines, orderedChecks} from './lines.js';
import {forScripts, scriptFix} from './script-fixes.js';

export type DetectOptions = {
	readonly answers: Answers;
	readonly createEnvironment: () => Promise<Environment>;
	readonly timeoutMs?: number;
	readonly json: boolean;
	readonly ascii: boolean;
	readonly signal: AbortSignal;
	readonly stdout: Writable;
	readonly stderr: Writable;
};

export async function runDetect(options: DetectOptions): Promise<number> {
	const environment = await options.createEnvironment();
	if (!options.json) {
		options.stderr.write(
			`Detecting the Exchange environment (${environment.description})\n`,
		);
	}

	let report: DetectionReport;
	try {
		report = await runDetection(
			environment,
			{
				email: options.answers.email,
				autodiscover: options.answers.autodiscover ?? true,
				server: options.answers.server,
			},
			{timeoutMs: options.timeoutMs, signal: options.signal},
		);
	} finally {
		await environment.dispose();
	}

	if (options.signal.aborted) {
		options.stderr.write('Interrupted.\n');
		return 130;
	}

	// Run from a shell, where R retries nothing: fixes say what to change.
	const context = {
		timeoutMs: options.timeoutMs,
		server: options.answers.server,
	};
	const checks = orderedChecks(report.checks).map(check =>
		forScripts(check, context),
	);
	const prerequisites = report.prerequisites.met
		? report.prerequisites
		: {
				...report.prerequisites,
				fix: scriptFix(report.prerequisites.fix, undefined, context),
			};
	const failed = checks.some(check => check.status === 'fail');
	if (options.json) {
		const {proposal} = report;
		options.stdout.write(
			`${JSON.stringify(
				{
					checks,
					proposal,
					prerequisites,
				},
				null,
				2,
			)}\n`,
		);
		return failed ? 1 : 0;
	}

	const lines = checks.flatMap(check => checkLines(check, options.ascii));
	const {proposal} = report;
	lines.push('');
	if (proposal.deployment) {
		lines.push(
			`Proposed: ${proposal.deployment}${proposal.server ? `, ${proposal.server}` : ''}${proposal.version ? `, ${proposal.version.name}${proposal.version.build ? ` ${proposal.version.build}` : ''}` : ''}`,
			`Because: ${proposal.reason}`,
		);
	} else {
		lines.push(`No deployment proposed: ${proposal.reason}`);
	}

	if (!prerequisites.met) {
		lines.push(
			`Exchange cannot be configured here: ${prerequisites.reason}`,
			`Fix: ${prerequisites.fix}`,
		);
	}

	options.stdout.write(`${lines.join('\n')}\n`);
	return failed ? 1 : 0;
}
