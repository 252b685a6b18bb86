/*
What each authentication mode asks of the administrator. The wizard's
Accounts page and the unattended run both read these rules, so a choice the
wizard accepts replays unattended, and one it refuses is refused there too.
*/
import type {Deployment} from '../detection/types.js';
import type {Authentication} from './schema.js';

/**
Whether the service account must be named. On-premises, every mode but
Single Sign-On acts as that account: ServiceAccount and Static instances run
as it, and under Impersonate it holds ApplicationImpersonation while the Meta
Data and Administration instances run as it. Single Sign-On acts as each
user. Exchange Online signs in with the Entra app registration instead.
*/
export function needsServiceAccount(
	deployment: Deployment,
	authentication: Authentication,
): boolean {
	return deployment === 'on-premises' && authentication !== 'sso';
}

/** Static keeps the account's password, protected, beside the configuration. */
export function needsPassword(
	deployment: Deployment,
	authentication: Authentication,
): boolean {
	return deployment === 'on-premises' && authentication === 'static';
}

/** Exchange Online has retired basic authentication, which Static is. */
export function acceptedOnline(authentication: Authentication): boolean {
	return authentication !== 'static';
}
