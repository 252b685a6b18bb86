/*
What F1 (or ?) explains on each page.
*/
import type {PageId} from './pages.js';

export const pageHelp: Readonly<Record<PageId, readonly string[]>> = {
	exchange: [
		'Tick "Use Exchange for mail integration" to configure the K2 Exchange',
		'service instances; leave it unticked and nothing about Exchange is',
		'configured.',
		'Autodiscover finds the Exchange Web Services address from the email',
		'address. On Exchange Online the address is also used for replies.',
	],
	detecting: [
		'Each check runs against the environment named at the top. Checks that',
		'do not depend on each other run at the same time.',
		'Esc cancels the checks still running; R runs the failed, cancelled and',
		'timed-out checks again. Enter goes on once every check has finished.',
		'A failure shows the command or step that fixes it.',
	],
	configuration: [
		'Choose On-premises or Online; the proposal and its reason come from',
		'what detection found (MX records, Autodiscover, servers).',
		'Standard integration creates Exchange Management (Calendar, Meeting);',
		'administrative integration creates Exchange Administration (Mailbox).',
		'Tick neither and Next skips Exchange configuration.',
		'The version is read-only when it was detected.',
		"When nothing was discovered, enter the server's FQDN: Next runs the",
		'checks again against it.',
	],
	'not-shown': [
		'The Exchange Server Configuration page is shown only for a new',
		'installation or a reconfiguration whose prerequisites were found.',
		'The reason and what would fix it are shown on the page.',
		'Run k2-exchange-setup --reconfigure later to configure Exchange.',
	],
	accounts: [
		'The authentication mode applies to the K2 Exchange service instances.',
		'On-premises every mode but Single Sign-On needs the service account.',
		"Static also takes the account's password: it is kept DPAPI-protected",
		'(Windows only) and never in the answer file; replay that file with',
		'--password-stdin.',
		'Each required right is checked; a missing one is a warning with the',
		'exact command that grants it, since Exchange administrators often',
		'grant rights after the install.',
		'Exchange Online uses an Entra app registration through Microsoft Graph.',
	],
	summary: [
		'Everything listed here is written to the configuration file.',
		'Apply writes it (the previous file is kept as a backup). Save answer',
		'file only writes your choices, without secrets, for an unattended run.',
		'PgUp and PgDn scroll when the list is longer than the screen.',
	],
	done: ['Enter or Esc closes the wizard.'],
};
