/*
Answers made whole for a run without prompts: what the administrator left
open is filled from detection the way the wizard fills it, then the answers
are checked for completeness and for choices that contradict each other.
*/
import type {DetectionReport} from '../detection/types.js';
import {
	defaultAuthentication,
	deploymentOf,
	versionNameOf,
	versionOf,
} from '../plan/plan.js';
import {
	acceptedOnline,
	needsPassword,
	needsServiceAccount,
} from './authentication.js';
import type {Field} from './fields.js';
import type {Answers} from './schema.js';

export type Problem = {
	readonly field: Field;
	/** Completes "--flag (answer-file key "…") …": what is wrong and allowed. */
	readonly message: string;
};

export type ResolveOptions = {
	/** Whether a password arrives on standard input (--password-stdin). */
	readonly passwordStdin?: boolean;
};

export type Resolved = {
	readonly answers: Answers;
	readonly problems: Problem[];
};

/**
Fills the answers from the report's proposal and findings, then lists every
problem. Answers already given are never replaced. Fields that do not apply
to the chosen path (a server for Exchange Online, a database without
administrative integration) are dropped, as the wizard drops them.
*/
// eslint-disable-next-line complexity -- each field's rule, read in turn
export function resolve(
	given: Answers,
	report?: DetectionReport,
	options: ResolveOptions = {},
): Resolved {
	const problems: Problem[] = [];
	const problem = (field: Field, message: string) => {
		problems.push({field, message});
	};

	if (given.useExchange !== true) {
		if (options.passwordStdin) {
			problem(
				'useExchange',
				'is off, so --password-stdin has nothing to configure; allowed: --use-exchange with --authentication static, or no --password-stdin',
			);
		}

		return {
			answers: withoutUndefined({
				useExchange: false,
				autodiscover: given.autodiscover,
				email: given.email,
			}),
			problems,
		};
	}

	const deployment = deploymentOf(given, report);
	const online = deployment === 'online';
	const nothingChosen =
		given.standard === undefined && given.administrative === undefined;
	const standard = nothingChosen ? true : (given.standard ?? false);
	const administrative = given.administrative ?? false;
	const autodiscover = given.autodiscover ?? true;
	const server = online
		? undefined
		: (given.server ??
			report?.proposal.server ??
			report?.findings.servers[0]?.fqdn ??
			undefined);
	const partial: Answers = {...given, deployment, standard, server};
	const version = versionOf(partial, report);
	const choice = online ? 'online' : choiceOf(version?.name);
	const authentication =
		given.authentication ??
		defaultAuthentication({...partial, administrative}, report);

	const answers = withoutUndefined({
		useExchange: true,
		autodiscover,
		email: given.email,
		deployment,
		standard,
		administrative: online ? false : administrative,
		exchangeVersion: choice,
		authentication,
		...(online
			? {
					tenantId: given.tenantId,
					clientId: given.clientId,
					certificateThumbprint: given.certificateThumbprint,
				}
			: {
					server,
					serviceAccount: given.serviceAccount,
					mailboxDatabase: administrative
						? (given.mailboxDatabase ?? databaseOn(server, report) ?? undefined)
						: undefined,
				}),
	} satisfies Answers);

	if (autodiscover && !answers.email) {
		problem(
			'email',
			'is required for Autodiscover; allowed: an email address such as k2svc@contoso.com, or --no-autodiscover',
		);
	}

	if (
		given.exchangeVersion === 'online' &&
		given.deployment === 'on-premises'
	) {
		problem(
			'exchangeVersion',
			'is online but --deployment is on-premises; allowed: 2007, 2010, 2013, 2016, 2019 or se on-premises',
		);
	} else if (
		online &&
		given.exchangeVersion !== undefined &&
		given.exchangeVersion !== 'online'
	) {
		problem(
			'exchangeVersion',
			`is ${given.exchangeVersion} but the deployment is online; allowed: online, or --deployment on-premises`,
		);
	}

	if (online) {
		if (given.administrative) {
			problem(
				'administrative',
				'is not available for Exchange Online: enabling and disabling mailboxes is supported on-premises only; allowed: --standard with --deployment online',
			);
		}

		for (const field of [
			'tenantId',
			'clientId',
			'certificateThumbprint',
		] as const) {
			if (!answers[field]) {
				problem(
					field,
					'is required for Exchange Online (the Entra app registration)',
				);
			}
		}

		for (const field of [
			'server',
			'serviceAccount',
			'mailboxDatabase',
		] as const) {
			if (given[field] !== undefined) {
				problem(
					field,
					'applies on-premises only; leave it out with --deployment online',
				);
			}
		}
	} else {
		if (!server) {
			problem(
				'server',
				'is required on-premises and detection found no server; allowed: a fully qualified domain name such as exch01.contoso.com',
			);
		}

		const detected = versionOf(
			{...partial, exchangeVersion: undefined},
			report,
		);
		if (
			given.exchangeVersion !== undefined &&
			detected?.detected &&
			versionNameOf(given.exchangeVersion) !== detected.name
		) {
			problem(
				'exchangeVersion',
				`is ${given.exchangeVersion}, but detection found ${detected.name}${detected.build ? ` (${detected.build})` : ''} on ${server}; allowed: leave it out, or ${choiceOf(detected.name)}`,
			);
		}

		if (!answers.exchangeVersion && server) {
			problem(
				'exchangeVersion',
				`is required: detection found no version for ${server}; allowed: 2007, 2010, 2013, 2016, 2019 or se`,
			);
		}

		if (administrative && !answers.mailboxDatabase) {
			problem(
				'mailboxDatabase',
				'is required for administrative integration and detection found no database; allowed: a mailbox database name',
			);
		}

		for (const field of [
			'tenantId',
			'clientId',
			'certificateThumbprint',
		] as const) {
			if (given[field] !== undefined) {
				problem(
					field,
					'applies to Exchange Online only; leave it out, or use --deployment online',
				);
			}
		}
	}

	if (online && !acceptedOnline(authentication)) {
		problem(
			'authentication',
			'is static, which Exchange Online does not accept (basic authentication is retired); allowed: impersonate, service-account or sso',
		);
	} else if (needsPassword(deployment, authentication)) {
		if (!options.passwordStdin) {
			problem(
				'authentication',
				'is static, which needs the password on standard input; allowed: add --password-stdin, or another mode',
			);
		}
	} else if (options.passwordStdin) {
		problem(
			'authentication',
			`is ${authentication}, which takes no password; allowed: --authentication static with --password-stdin, or no --password-stdin`,
		);
	}

	// Before detection the deployment may yet turn out to be online, which
	// takes no account; Static is on-premises only, so it needs one anyway.
	const deploymentKnown =
		report !== undefined ||
		given.deployment !== undefined ||
		given.exchangeVersion !== undefined ||
		authentication === 'static';
	if (
		deploymentKnown &&
		!answers.serviceAccount &&
		needsServiceAccount(deployment, authentication)
	) {
		problem(
			'serviceAccount',
			authentication === 'static'
				? String.raw`is required for static authentication: it names the account whose password is given; allowed: DOMAIN\user, such as CONTOSO\svc-k2`
				: String.raw`is required for ${authentication} authentication on-premises: the service instances act as this account; allowed: DOMAIN\user, such as CONTOSO\svc-k2, or --authentication sso`,
		);
	}

	return {answers, problems};
}

function choiceOf(name: string | undefined): Answers['exchangeVersion'] {
	switch (name) {
		case undefined: {
			return undefined;
		}

		case 'ExchangeSE': {
			return 'se';
		}

		case 'ExchangeOnline': {
			return 'online';
		}

		default: {
			return name.replace('Exchange', '') as Answers['exchangeVersion'];
		}
	}
}

function databaseOn(
	server: string | undefined,
	report: DetectionReport | undefined,
): string | undefined {
	const databases = report?.findings.databases ?? [];
	const onServer = databases.find(
		database => database.server.toLowerCase() === server?.toLowerCase(),
	);
	return (onServer ?? databases[0])?.name;
}

function withoutUndefined(answers: Answers): Answers {
	return Object.fromEntries(
		Object.entries(answers).filter(([, value]) => value !== undefined),
	);
}
