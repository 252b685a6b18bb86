/*
How each detection check is named on screen, in the order the report lists
them.
*/
import type {CheckId} from '../detection/types.js';

export const checkLabels: Readonly<Record<CheckId, string>> = {
	powershell: 'PowerShell version',
	winrm: 'WinRM service',
	'language-mode': 'Language mode, execution policy',
	account: 'View-Only Organization Mgmt',
	services: 'Exchange services',
	autodiscover: 'Autodiscover',
	mx: 'DNS MX record',
	servers: 'Exchange servers, versions',
	databases: 'Mailbox databases',
	permissions: 'Permissions',
};
