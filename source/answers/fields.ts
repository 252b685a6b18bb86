/*
How each answer is spelled as a flag and as an answer-file key, and what it
accepts, in words. Error messages, --help and the JSON Schema's descriptions
all read from this table, so the three never disagree.
*/
import type {Answers} from './schema.js';

export type Field = keyof Answers;

type FieldInfo = {
	/** The field flag, without the leading dashes. */
	readonly flag: string;
	/** What a value may be, as the end of "allowed: …". */
	readonly allowed: string;
	/** One line for --help and the JSON Schema. */
	readonly description: string;
};

export const fields: Readonly<Record<Field, FieldInfo>> = {
	useExchange: {
		flag: 'use-exchange',
		allowed: 'true or false',
		description: 'Use Exchange for mail integration (off by default)',
	},
	autodiscover: {
		flag: 'autodiscover',
		allowed: 'true or false',
		description: 'Find Exchange through Autodiscover (on by default)',
	},
	email: {
		flag: 'email',
		allowed: 'an email address such as k2svc@contoso.com',
		description:
			'Mailbox used for Autodiscover and, on Exchange Online, for replies',
	},
	deployment: {
		flag: 'deployment',
		allowed: 'on-premises or online',
		description: 'Configure Exchange on-premises or Exchange Online',
	},
	standard: {
		flag: 'standard',
		allowed: 'true or false',
		description: 'Standard integration: calendars and meetings',
	},
	administrative: {
		flag: 'administrative',
		allowed: 'true or false',
		description: 'Administrative integration: mailboxes (on-premises only)',
	},
	server: {
		flag: 'server',
		allowed: 'a fully qualified domain name such as exch01.contoso.com',
		description: 'The Exchange server (on-premises)',
	},
	exchangeVersion: {
		flag: 'exchange-version',
		allowed: '2007, 2010, 2013, 2016, 2019, se or online',
		description: 'The Exchange version, when detection cannot tell',
	},
	authentication: {
		flag: 'authentication',
		allowed: 'impersonate, service-account, sso or static',
		description: 'Authentication mode of the service instances',
	},
	serviceAccount: {
		flag: 'service-account',
		allowed: String.raw`DOMAIN\user, such as CONTOSO\svc-k2`,
		description: 'The K2 service account',
	},
	mailboxDatabase: {
		flag: 'mailbox-database',
		allowed: 'a mailbox database name of up to 64 characters',
		description: 'Mailbox database for administrative integration',
	},
	tenantId: {
		flag: 'tenant-id',
		allowed: 'a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47',
		description: 'Entra tenant ID (Exchange Online)',
	},
	clientId: {
		flag: 'client-id',
		allowed: 'a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47',
		description: 'Client (application) ID of the Entra app (Exchange Online)',
	},
	certificateThumbprint: {
		flag: 'certificate-thumbprint',
		allowed: '40 hexadecimal characters',
		description: "Thumbprint of the Entra app's certificate (Exchange Online)",
	},
};

export const fieldNames = Object.keys(fields) as Field[];

/** Where an answer came from, for naming it in a message. */
export type Origin =
	{readonly kind: 'flag'} | {readonly kind: 'file'; readonly path: string};

/** `--server` for a flag, `"server" in answers.json` for a file key. */
export function nameOf(field: Field | string, origin: Origin): string {
	if (origin.kind === 'flag') {
		const info = fields[field as Field] as FieldInfo | undefined;
		return `--${info?.flag ?? field}`;
	}

	return `"${field}" in ${origin.path}`;
}

/** Both spellings, for an answer that is missing altogether. */
export function bothNamesOf(field: Field): string {
	return `--${fields[field].flag} (answer-file key "${field}")`;
}
