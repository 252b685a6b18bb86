/*
The Exchange version the configuration will name, and where it came from.
A detected version is shown read-only with its source; otherwise the
administrator chooses one.
*/
import type {Answers, ExchangeVersionChoice} from '../answers/schema.js';
import type {DetectedVersion, DetectionReport} from '../detection/types.js';
import {versionChoiceOf} from './choices.js';

export type VersionView = {
	readonly choice: ExchangeVersionChoice | undefined;
	/** The build, when one was detected. */
	readonly build: string | null;
	/** Where a detected version came from; null when the administrator chooses. */
	readonly source: string | null;
};

export function versionOf(
	answers: Answers,
	report: DetectionReport | undefined,
): VersionView {
	if (answers.deployment === 'online') {
		return {choice: 'online', build: null, source: 'Exchange Online'};
	}

	const detected = detectedVersionOf(answers.server, report);
	if (detected) {
		return {
			choice: versionChoiceOf(detected.version.name),
			build: detected.version.build,
			source: detected.source,
		};
	}

	return {choice: answers.exchangeVersion, build: null, source: null};
}

function detectedVersionOf(
	server: string | undefined,
	report: DetectionReport | undefined,
): {version: DetectedVersion; source: string} | undefined {
	if (!report) {
		return undefined;
	}

	const {proposal, findings} = report;
	const sameServer = (a: string | null | undefined, b: string) =>
		a?.toLowerCase() === b.toLowerCase();

	// A server picked from the discovered list brings its own version.
	const chosen = server
		? findings.servers.find(candidate => sameServer(server, candidate.fqdn))
		: undefined;
	if (chosen?.version?.detected) {
		return {
			version: chosen.version,
			source:
				sameServer(proposal.server, chosen.fqdn) && proposal.versionSource
					? proposal.versionSource
					: `Get-ExchangeServer, ${chosen.name}`,
		};
	}

	if (
		proposal.version?.detected &&
		(!server || !proposal.server || sameServer(server, proposal.server))
	) {
		return {
			version: proposal.version,
			source: proposal.versionSource ?? 'detection',
		};
	}

	return undefined;
}
