/*
Which fields a page shows, in the order focus visits them. The order follows
the contract's page descriptions; a field that does not apply is left out
rather than shown disabled, except where the page must say why (see notes).
*/
import type {Answers} from '../answers/schema.js';
import type {DetectionReport} from '../detection/types.js';
import type {PageId} from './pages.js';
import {versionOf} from './version.js';

export type FieldId = keyof Answers;

/**
The Static password: a field of the Accounts page but never an answer, so
it cannot reach an answer file, a plan or a configuration.
*/
export const passwordField = 'password';
export const passwordLabel = 'Password';

export function fieldsOf(
	page: PageId,
	answers: Answers,
	report: DetectionReport | undefined,
): FieldId[] {
	switch (page) {
		case 'exchange': {
			return ['useExchange', 'autodiscover', 'email'];
		}

		case 'configuration': {
			if (answers.deployment === 'online') {
				return ['deployment', 'standard'];
			}

			const fields: FieldId[] = ['deployment', 'standard', 'administrative'];
			if (versionOf(answers, report).source === null) {
				fields.push('exchangeVersion');
			}

			fields.push('server');
			return fields;
		}

		case 'accounts': {
			if (answers.deployment === 'online') {
				return [
					'authentication',
					'tenantId',
					'clientId',
					'certificateThumbprint',
				];
			}

			const fields: FieldId[] = ['authentication', 'serviceAccount'];
			if (answers.administrative) {
				fields.push('mailboxDatabase');
			}

			return fields;
		}

		case 'detecting':
		case 'not-shown':
		case 'summary':
		case 'done': {
			return [];
		}
	}
}

export const fieldLabels: Readonly<Record<FieldId, string>> = {
	useExchange: 'Use Exchange for mail integration',
	autodiscover: 'Use Autodiscover',
	email: 'Email address',
	deployment: 'Deployment',
	standard: 'Enable standard Exchange integration (Calendar, Meeting)',
	administrative: 'Enable administrative Exchange integration (Mailbox)',
	server: 'Exchange Server',
	exchangeVersion: 'Exchange Version',
	authentication: 'Authentication',
	serviceAccount: 'Service account',
	mailboxDatabase: 'Mailbox database',
	tenantId: 'Tenant ID',
	clientId: 'Client (application) ID',
	certificateThumbprint: 'Certificate thumbprint',
};
