/*
The answers an existing configuration was written from, so that
--reconfigure starts where the last run ended. A detected version is left
out: detection runs again and says what the server is now.
*/
import type {ConfigDocument, InstanceAuthentication} from '../plan/types.js';
import type {Answers, Authentication, ExchangeVersionChoice} from './schema.js';

const authentications: Record<InstanceAuthentication, Authentication> = {
	Impersonate: 'impersonate',
	ServiceAccount: 'service-account',
	SSO: 'sso',
	Static: 'static',
};

export function answersFromConfiguration(document: ConfigDocument): Answers {
	const {exchange} = document;
	if (!exchange.enabled) {
		return {useExchange: false};
	}

	const first = document.serviceInstances[0];
	const setting = (name: string) => {
		for (const instance of document.serviceInstances) {
			const value = instance.settings[name];
			if (typeof value === 'string' && value !== '') {
				return value;
			}
		}

		return undefined;
	};

	const online = exchange.deployment === 'online';
	const answers: Answers = {
		useExchange: true,
		autodiscover: exchange.autodiscover,
		email: exchange.email ?? undefined,
		deployment: exchange.deployment,
		standard: exchange.standard,
		administrative: exchange.administrative,
		exchangeVersion: exchange.version.detected
			? undefined
			: choiceOf(exchange.version.name),
		authentication: first ? authentications[first.authentication] : undefined,
		server: online ? undefined : (exchange.server ?? undefined),
		// Files written before the account had its own setting hold it only
		// as the Static credential's user.
		serviceAccount: setting('Service Account') ?? setting('User ID'),
		mailboxDatabase: setting('Mailbox Database'),
		tenantId: setting('Tenant ID'),
		clientId: setting('Client ID'),
		certificateThumbprint: setting('Certificate Thumbprint'),
	};
	return Object.fromEntries(
		Object.entries(answers).filter(([, value]) => value !== undefined),
	);
}

function choiceOf(name: string): ExchangeVersionChoice {
	const choice = name.replace(/^Exchange/, '').toLowerCase();
	return choice as ExchangeVersionChoice;
}
