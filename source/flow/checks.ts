/*
How each detection check is named on screen, in the order the report lists
them.
*/
import type {CheckId} from '../detection/types.js';

export const checkLabels: Readonly<Record<CheckId, string>> = {
	powershell: 'PowerShell',
	winrm: 'WinRM',
	'language-mode': 'Language mode',
	account: 'View-Only Org Mgmt',
	services: 'Exchange services',
	autodiscover: 'Autodiscover',
	mx: 'DNS MX record',
	servers: 'Exchange servers',
	databases: 'Mailbox databases',
	permissions: 'Permissions',
};
