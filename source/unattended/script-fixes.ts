/*
Fixes worded for a script. Detection words its fixes for the wizard, where
R runs a check again and Use Autodiscover is a box to untick; a deployment
script has neither, so those words become what its author can do instead:
change a flag, check the machine, run again.
*/
import {defaultStageTimeoutMs} from '../detection/run.js';
import {reconfigureLater} from '../detection/proposal.js';
import type {CheckId, CheckResult} from '../detection/types.js';
import {formatSeconds} from '../detection/verdict.js';

export type FixContext = {
	/** The per-stage limit the run had (--timeout). */
	readonly timeoutMs?: number;
	/** The Exchange server the run asked, when known. */
	readonly server?: string;
};

const hostChecks = new Set<CheckId>([
	'powershell',
	'winrm',
	'language-mode',
	'account',
]);

/** What to look at when a check of this stage ran out of time. */
function subjectOf(id: CheckId | undefined, server?: string): string {
	if (id === undefined || hostChecks.has(id)) {
		return 'PowerShell starts on this computer';
	}

	if (id === 'mx') {
		return 'this computer can reach its DNS server';
	}

	if (id === 'autodiscover') {
		return 'the Autodiscover URLs answer from this computer';
	}

	return `${server ?? 'the Exchange server'} answers remote PowerShell`;
}

/** The fix a script can act on; fixes with no wizard words pass unchanged. */
export function scriptFix(
	fix: string,
	id: CheckId | undefined,
	context: FixContext = {},
): string {
	const limit = formatSeconds(context.timeoutMs ?? defaultStageTimeoutMs);
	return fix
		.replace(
			/^retry(?: the checks)? \(R\) or raise --timeout/i,
			`Raise --timeout (${limit} per stage now), or check that ${subjectOf(id, context.server)}`,
		)
		.replace(/^retry \(R\)/i, 'Run again')
		.replace(
			/untick Use Autodiscover and (?:enter|give) the server/,
			'run with --no-autodiscover and --server FQDN',
		)
		.replace(
			/^Choose the Exchange version on the configuration page \(--exchange-version when unattended\)/,
			'Give the version with --exchange-version',
		)
		.replace(`; then ${reconfigureLater}`, '; then run again');
}

/** A check as a script reads it: its fix worded by scriptFix. */
export function forScripts(
	check: CheckResult,
	context: FixContext = {},
): CheckResult {
	return check.fix === null
		? check
		: {...check, fix: scriptFix(check.fix, check.id, context)};
}
