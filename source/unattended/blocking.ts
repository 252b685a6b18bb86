/*
Whether an unattended run may write, after detection. A failed check blocks
when the configuration would rest on what it failed to find:

  any integration    powershell, winrm   the prerequisites
  Autodiscover on    autodiscover        the file tells K2 to use it
  on-premises        services, servers   the server and its version
  administrative     databases           the mailbox database

The other checks never block. language-mode, account and permissions are
about rights, and a missing right is a warning (the contract); a shell too
constrained to probe shows as failed Exchange checks, which block. mx is
evidence for the deployment, which the checks above confirm or the flags
give. The wizard shows the same failures and lets the administrator go on;
a script has no one to decide, so it writes nothing and exits 1.
*/
import type {Answers} from '../answers/schema.js';
import type {
	CheckId,
	CheckResult,
	DetectionReport,
} from '../detection/types.js';
import {scriptFix, type FixContext} from './script-fixes.js';

export type Blocker = {
	/** What failed, in one line. */
	readonly reason: string;
	/** What the script's author can do about it, in one line. */
	readonly fix: string;
};

/** The checks whose failure stops a run with these (resolved) answers. */
export function blockingChecks(answers: Answers): CheckId[] {
	if (
		answers.useExchange !== true ||
		(answers.standard !== true && answers.administrative !== true)
	) {
		return [];
	}

	const onPremises = answers.deployment !== 'online';
	return [
		'powershell',
		'winrm',
		...(answers.autodiscover === false ? [] : ['autodiscover' as const]),
		...(onPremises ? ['services' as const, 'servers' as const] : []),
		...(onPremises && answers.administrative === true
			? ['databases' as const]
			: []),
	];
}

/**
Why nothing may be written, or undefined when the run can go on. Missing
PowerShell or WinRM is reported as the prerequisites say it; otherwise the
failed checks, which say more than "no Exchange was reachable", come first.
*/
export function blockerOf(
	report: DetectionReport,
	answers: Answers,
	context: FixContext = {},
): Blocker | undefined {
	const blocking = new Set(blockingChecks(answers));
	if (blocking.size === 0) {
		return undefined;
	}

	const {prerequisites} = report;
	const hostReady = report.checks.every(
		check =>
			!['powershell', 'winrm'].includes(check.id) ||
			check.status === 'pass' ||
			check.status === 'warn',
	);
	const asPrerequisites = (): Blocker | undefined =>
		prerequisites.met
			? undefined
			: {
					reason: prerequisites.reason,
					fix: scriptFix(prerequisites.fix, undefined, context),
				};

	if (!hostReady) {
		return asPrerequisites();
	}

	const failed = report.checks.filter(
		check => blocking.has(check.id) && check.status === 'fail',
	);
	if (failed.length === 0) {
		return asPrerequisites();
	}

	return {
		reason: `detection failed: ${summaries(failed)}`,
		fix: unique(
			failed.map(check => scriptFix(check.fix ?? '', check.id, context)),
		).join('; '),
	};
}

/** "services and servers: timed out after 1 s": one clause per summary. */
function summaries(checks: readonly CheckResult[]): string {
	const bySummary = new Map<string, string[]>();
	for (const check of checks) {
		const ids = bySummary.get(check.summary) ?? [];
		ids.push(check.id);
		bySummary.set(check.summary, ids);
	}

	return [...bySummary]
		.map(([summary, ids]) => `${listed(ids)}: ${summary}`)
		.join('; ');
}

function listed(names: readonly string[]): string {
	return names.length === 1
		? names[0]!
		: `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

function unique(texts: readonly string[]): string[] {
	return [...new Set(texts.filter(Boolean))];
}
