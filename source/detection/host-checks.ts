/*
The local checks: PowerShell version, WinRM, language mode and execution
policy, and the installation account's role group membership.
*/
import type {
	ErrorCategory,
	HostFacts,
	ProbeError,
} from '../environment/types.js';
import {
	fail,
	failedCall,
	firstLine,
	pass,
	skip,
	warn,
	type Verdict,
} from './verdict.js';

export const viewOnlyGroup = 'View-Only Organization Management';

export const wmfFix =
	'Install Windows Management Framework 5.1 (KB3191564) for PowerShell 5.1';
export const winrmFix =
	'Start-Service WinRM; Set-Service WinRM -StartupType Automatic';

/** Major version of "5.1.17763.1"; undefined when unreadable. */
export function powershellMajor(version: string): number | undefined {
	const major = Number.parseInt(version, 10);
	return Number.isFinite(major) ? major : undefined;
}

/** "CONTOSO\View-Only Organization Management" names that group. */
export function isGroup(name: string, group: string): boolean {
	const bare = name.includes('\\') ? name.slice(name.indexOf('\\') + 1) : name;
	return bare.trim().toLowerCase() === group.toLowerCase();
}

export function addToViewOnlyFix(account: string): string {
	return `Add-RoleGroupMember -Identity "${viewOnlyGroup}" -Member ${account}, then log off and on`;
}

/** Why a check was never asked: no PowerShell here can run the probes. */
const notAskedBecause: Partial<Record<ErrorCategory, string>> = {
	'shell-missing': 'not checked: PowerShell not found',
	'shell-too-old': 'not checked: needs PowerShell 3.0 or later',
};

function notAsked(error: ProbeError): string | undefined {
	return notAskedBecause[error.category];
}

export function evaluateHost(facts: HostFacts, timeoutMs: number): Verdict[] {
	const verdicts: Verdict[] = [];
	const {powershell, winrm, account} = facts;

	if (powershell.ok) {
		const {version, edition} = powershell.value;
		const major = powershellMajor(version);
		verdicts.push(
			major !== undefined && major >= 3
				? pass('powershell', `PowerShell ${version} (${edition})`)
				: fail(
						'powershell',
						`PowerShell ${version} found; 3.0 or later is needed`,
						wmfFix,
					),
		);
	} else if (powershell.error.category === 'shell-too-old') {
		// "PowerShell 2.0 is older than 3.0", from the probes' own check.
		verdicts.push(
			fail('powershell', firstLine(powershell.error.message), wmfFix),
		);
	} else {
		verdicts.push(
			failedCall('powershell', undefined, powershell.error, timeoutMs),
		);
	}

	if (winrm.ok) {
		verdicts.push(
			winrm.value.toLowerCase() === 'running'
				? pass('winrm', 'WinRM service running')
				: fail('winrm', `WinRM service is ${winrm.value}`, winrmFix),
		);
	} else {
		const reason = notAsked(winrm.error);
		verdicts.push(
			reason
				? skip('winrm', reason)
				: failedCall('winrm', 'WinRM', winrm.error, timeoutMs),
		);
	}

	verdicts.push(languageMode(facts, timeoutMs));

	if (account.ok) {
		const {name, groups} = account.value;
		const member = groups.some(
			group =>
				isGroup(group, viewOnlyGroup) ||
				isGroup(group, 'Organization Management'),
		);
		verdicts.push(
			member
				? pass('account', `${name}: member of View-Only Org Mgmt`)
				: warn(
						'account',
						`${name} is not in View-Only Org Mgmt`,
						addToViewOnlyFix(name),
					),
		);
	} else {
		const reason = notAsked(account.error);
		verdicts.push(
			reason
				? skip('account', reason)
				: failedCall('account', undefined, account.error, timeoutMs),
		);
	}

	return verdicts;
}

const blockingPolicies = new Set(['restricted', 'allsigned']);

function languageMode(facts: HostFacts, timeoutMs: number): Verdict {
	const {powershell} = facts;
	if (!powershell.ok) {
		const reason = notAsked(powershell.error);
		return reason
			? skip('language-mode', reason)
			: failedCall(
					'language-mode',
					'Language mode',
					powershell.error,
					timeoutMs,
				);
	}

	const {languageMode: mode, executionPolicy: policy} = powershell.value;
	if (mode.toLowerCase() !== 'fulllanguage') {
		return fail(
			'language-mode',
			`${mode}; the probes need FullLanguage`,
			'Run from an account or computer outside the AppLocker/WDAC policy that constrains PowerShell',
		);
	}

	if (blockingPolicies.has(policy.toLowerCase())) {
		return warn(
			'language-mode',
			`${policy} policy blocks the Exchange session`,
			'Set-ExecutionPolicy RemoteSigned -Scope LocalMachine',
		);
	}

	return pass('language-mode', `FullLanguage, execution policy ${policy}`);
}
