/*
Why Exchange is not configured in this run, when it is not: the reason the
configuration records, and for the screen, what would fix it.
*/
import type {DetectionReport} from '../detection/types.js';

export type SkipKind =
	'integration-off' | 'upgrade' | 'prerequisites' | 'nothing-ticked';

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

export function prerequisitesSkip(report: DetectionReport): Skip | undefined {
	const {prerequisites} = report;
	if (prerequisites.met) {
		return undefined;
	}

	return {
		kind: 'prerequisites',
		reason: prerequisites.reason,
		fix: prerequisites.fix,
	};
}
