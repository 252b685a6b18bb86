/*
The MX record of the email domain: where mail for it goes, and whether that
points at Exchange Online.
*/
import type {MxRecord, Outcome} from '../environment/types.js';
import {failedCall, pass, warn, type Verdict} from './verdict.js';

/**
Exchange Online's inbound hosts: <domain-dashed>.mail.protection.outlook.com,
and <domain>.<random>.mx.microsoft for domains added since March 2024.
*/
export function isOnlineMx(host: string): boolean {
	const name = host.toLowerCase().replace(/\.$/, '');
	return (
		name.endsWith('.mail.protection.outlook.com') ||
		name.endsWith('.mx.microsoft')
	);
}

export function sortMx(records: readonly MxRecord[]): MxRecord[] {
	return [...records].sort((a, b) => a.priority - b.priority);
}

export function evaluateMx(
	domain: string,
	outcome: Outcome<readonly MxRecord[]>,
	timeoutMs: number,
): Verdict {
	if (!outcome.ok) {
		return outcome.error.category === 'dns'
			? warn(
					'mx',
					`no MX record for ${domain}`,
					`Check the domain of the email address; mail for ${domain} needs an MX record`,
				)
			: failedCall('mx', `MX of ${domain}`, outcome.error, timeoutMs);
	}

	const records = sortMx(outcome.value);
	if (records.length === 0) {
		return warn(
			'mx',
			`no MX record for ${domain}`,
			`Check the domain of the email address; mail for ${domain} needs an MX record`,
		);
	}

	const list = records
		.map(record => `${record.exchange} (${record.priority})`)
		.join(', ');
	const online = records.some(record => isOnlineMx(record.exchange));
	return pass('mx', `${domain}: ${list}${online ? ' (Exchange Online)' : ''}`);
}
