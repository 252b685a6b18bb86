/*
Everything an administrator decides, in one schema. Field flags, answer files
and the wizard's pages all produce Answers; validation messages come from
here so that a flag and an answer-file key fail with the same words.
*/
import {z} from 'zod';

export const exchangeVersions = [
	'2007',
	'2010',
	'2013',
	'2016',
	'2019',
	'se',
	'online',
] as const;

export const authentications = [
	'impersonate',
	'service-account',
	'sso',
	'static',
] as const;

export const deployments = ['on-premises', 'online'] as const;

const fqdn = z
	.string()
	.regex(
		/^(?=.{1,253}$)[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?(?:\.[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?)+$/,
		'must be a fully qualified domain name such as exch01.contoso.com',
	);

const email = z
	.string()
	.regex(
		/^[^\s@"'`$;|&<>()]{1,64}@(?=.{1,253}$)[A-Za-z\d-]+(?:\.[A-Za-z\d-]+)+$/,
		'must be an email address such as k2svc@contoso.com',
	);

const account = z
	.string()
	.regex(
		/^[A-Za-z\d][\w.-]{0,63}\\[\w.$-]{1,104}$/,
		String.raw`must be DOMAIN\user, such as CONTOSO\svc-k2`,
	);

const guid = z
	.string()
	.regex(
		/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i,
		'must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47',
	);

export const answersSchema = z
	.object({
		useExchange: z.boolean().optional(),
		autodiscover: z.boolean().optional(),
		email: email.optional(),
		deployment: z.enum(deployments).optional(),
		standard: z.boolean().optional(),
		administrative: z.boolean().optional(),
		server: fqdn.optional(),
		exchangeVersion: z.enum(exchangeVersions).optional(),
		authentication: z.enum(authentications).optional(),
		serviceAccount: account.optional(),
		mailboxDatabase: z
			.string()
			.regex(
				// eslint-disable-next-line no-control-regex -- they are what it refuses
				/^[^\u0000-\u001F"'`$;|&<>]{1,64}$/,
				'must be a mailbox database name of up to 64 characters',
			)
			.optional(),
		tenantId: guid.optional(),
		clientId: guid.optional(),
		certificateThumbprint: z
			.string()
			.regex(/^[\dA-Fa-f]{40}$/, 'must be 40 hexadecimal characters')
			.optional(),
	})
	.strict();

export type Answers = z.infer<typeof answersSchema>;
export type ExchangeVersionChoice = (typeof exchangeVersions)[number];
export type Authentication = (typeof authentications)[number];
