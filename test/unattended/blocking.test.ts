import {describe, expect, test} from 'vitest';
import type {Answers} from '../../source/answers/schema.js';
import {
	checkIds,
	type CheckId,
	type DetectionReport,
} from '../../source/detection/types.js';
import {blockerOf} from '../../source/unattended/blocking.js';
import {scriptFix} from '../../source/unattended/script-fixes.js';
import {makeReport} from '../helpers/report.js';

function failing(
	ids: readonly CheckId[],
	prerequisites?: DetectionReport['prerequisites'],
): DetectionReport {
	const report = makeReport({prerequisites});
	return {
		...report,
		checks: report.checks.map(check =>
			ids.includes(check.id)
				? {
						...check,
						status: 'fail',
						summary: 'timed out after 1 s',
						fix: 'retry (R) or raise --timeout',
					}
				: check,
		),
	};
}

const standard: Answers = {
	useExchange: true,
	deployment: 'on-premises',
	standard: true,
	administrative: false,
	autodiscover: true,
};
const administrative: Answers = {...standard, administrative: true};
const online: Answers = {...standard, deployment: 'online'};
const noAutodiscover: Answers = {...standard, autodiscover: false};
const off: Answers = {useExchange: false};
const nothingTicked: Answers = {...standard, standard: false};

// Each row: the answers, and the checks whose failure alone stops the run.
const rules: Array<[string, Answers, CheckId[]]> = [
	[
		'on-premises standard',
		standard,
		['powershell', 'winrm', 'services', 'autodiscover', 'servers'],
	],
	[
		'on-premises administrative',
		administrative,
		['powershell', 'winrm', 'services', 'autodiscover', 'servers', 'databases'],
	],
	['Exchange Online', online, ['powershell', 'winrm', 'autodiscover']],
	[
		'Autodiscover off',
		noAutodiscover,
		['powershell', 'winrm', 'services', 'servers'],
	],
	['integration off', off, []],
	['nothing ticked', nothingTicked, []],
];

describe.each(rules)('%s', (_name, answers, blocking) => {
	test.each([...checkIds])('a failed %s', id => {
		const host = id === 'powershell' || id === 'winrm';
		const report = failing(
			[id],
			// Detection reports a failed host check as unmet prerequisites.
			host ? {met: false, reason: `${id} failed`, fix: 'fix it'} : undefined,
		);
		const blocker = blockerOf(report, answers);
		if (blocking.includes(id)) {
			expect(blocker).toBeDefined();
			expect(blocker!.reason).toMatch(host ? `${id} failed` : id);
		} else {
			expect(blocker).toBeUndefined();
		}
	});
});

test('failures that share a summary are named together, once', () => {
	const blocker = blockerOf(
		failing(['services', 'servers', 'databases', 'permissions']),
		administrative,
		{timeoutMs: 1000, server: 'exch01.contoso.com'},
	);
	expect(blocker).toEqual({
		reason:
			'detection failed: services, servers and databases: timed out after 1 s',
		fix: 'Raise --timeout (1 s per stage now), or check that exch01.contoso.com answers remote PowerShell',
	});
});

test('unmet prerequisites with nothing else failed are reported as they are', () => {
	const blocker = blockerOf(
		failing([], {
			met: false,
			reason: 'no Exchange was reachable',
			fix: 'Check the server name; then run with --reconfigure to configure it later',
		}),
		standard,
	);
	expect(blocker).toEqual({
		reason: 'no Exchange was reachable',
		fix: 'Check the server name; then run again',
	});
});

test.each([
	['retry (R) or raise --timeout', 'mx', /^Raise --timeout \(30 s per stage/],
	['retry (R)', 'servers', /^Run again$/],
	[
		'Retry (R); if it happens again, run with --log FILE',
		'servers',
		/^Run again; if it happens again/,
	],
	[
		'Publish Autodiscover, or untick Use Autodiscover and enter the server',
		'autodiscover',
		/or run with --no-autodiscover and --server FQDN$/,
	],
	[
		'Choose the Exchange version on the configuration page (--exchange-version when unattended)',
		'servers',
		/^Give the version with --exchange-version$/,
	],
] as const)(
	'the wizard fix "%s" is reworded for a script',
	(fix, id, expected) => {
		expect(scriptFix(fix, id)).toMatch(expected);
	},
);
