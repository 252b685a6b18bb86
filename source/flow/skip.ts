/*
Why Exchange is not configured in this run, when it is not: the reason the
configuration records, and for the screen, what would fix it.
*/
import type {CheckId, DetectionReport} from '../detection/types.js';

export type SkipKind =
	| 'integration-off'
	| 'upgrade'
	| 'prerequisites'
	| 'server-unanswered'
	| 'nothing-ticked';

export type Skip = {
	readonly kind: SkipKind;
	/** Recorded as the configuration's skippedReason. */
	readonly reason: string;
	/** What would let the page be shown; null where nothing needs fixing. */
	readonly fix: string | null;
};

export const reconfigureLater =
	'Run k2-exchange-setup --reconfigure to configure Exchange later.';

export const integrationOff: Skip = {
	kind: 'integration-off',
	reason: 'Use Exchange for mail integration is off',
	fix: null,
};

export const upgradeSkip: Skip = {
	kind: 'upgrade',
	reason:
		'This is an upgrade: the existing Exchange configuration is kept as it is.',
	fix: 'Finish the upgrade first; the configuration can then be changed.',
};

export const nothingTicked: Skip = {
	kind: 'nothing-ticked',
	reason: 'Neither standard nor administrative integration is ticked',
	fix: null,
};

/**
Whether detection found no Exchange while PowerShell 3.0 or later and WinRM
are in place. What is missing then is only a server to ask, which the
administrator can name: the configuration page takes its FQDN, and Next asks
that server, as an unattended run asks the one --server names.
*/
export function serverToEnter(report: DetectionReport): boolean {
	const passed = (id: CheckId) => {
		const status = report.checks.find(check => check.id === id)?.status;
		return status === 'pass' || status === 'warn';
	};

	return (
		!report.prerequisites.met &&
		report.findings.installMode !== 'upgrade' &&
		passed('powershell') &&
		passed('winrm')
	);
}

/** The server the administrator named was asked and did not answer. */
export function serverUnanswered(
	report: DetectionReport,
	server: string,
): Skip {
	const servers = report.checks.find(check => check.id === 'servers');
	return {
		kind: 'server-unanswered',
		reason:
			servers?.status === 'fail'
				? `no Exchange answered: ${servers.summary}`
				: `no Exchange answered at ${server}`,
		fix:
			servers?.fix ??
			(report.prerequisites.met ? null : report.prerequisites.fix),
	};
}

export function prerequisitesSkip(report: DetectionReport): Skip | undefined {
	const {prerequisites} = report;
	if (prerequisites.met || serverToEnter(report)) {
		return undefined;
	}

	return {
		kind: 'prerequisites',
		reason: prerequisites.reason,
		fix: prerequisites.fix,
	};
}
