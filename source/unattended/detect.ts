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

	const checks = orderedChecks(report.checks);
	const failed = checks.some(check => check.status === 'fail');
	if (options.json) {
		const {proposal} = report;
		options.stdout.write(
			`${JSON.stringify(
				{
					checks,
					proposal,
					prerequisites: report.prerequisites,
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

	if (!report.prerequisites.met) {
		lines.push(
			`Exchange cannot be configured here: ${report.prerequisites.reason}`,
			`Fix: ${report.prerequisites.fix}`,
		);
	}

	options.stdout.write(`${lines.join('\n')}\n`);
	return failed ? 1 : 0;
}
