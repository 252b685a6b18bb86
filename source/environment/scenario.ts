/*
A scenario describes a whole environment: the host, DNS, Autodiscover and
Exchange, plus faults to inject. The same file drives the simulated
environment, the PowerShell stand-in module and the loopback DNS and HTTPS
servers in tests. Every key is optional; unknown keys are an error.
*/
import {z} from 'zod';
import {checkIds} from '../detection/types.js';

const record = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

export const endpointFailures = [
	'connection-refused',
	'timeout',
	'tls-untrusted',
	'not-found',
	'unauthorized',
] as const;

const endpointSchema = z
	.object({
		/** How the request fails, instead of answering. */
		fail: z.enum(endpointFailures).optional(),
		status: z.number().int().min(100).max(599).default(200),
		/** For a 301/302: where the redirect points. */
		redirect: z.string().optional(),
		ewsUrl: z.string().optional(),
		server: z.string().optional(),
		/** POX ServerVersion: eight hex digits, e.g. "73C18880". */
		serverVersion: z
			.string()
			.regex(/^[\dA-Fa-f]{8}$/)
			.optional(),
	})
	.strict();

const serverSchema = z
	.object({
		name: z.string(),
		fqdn: z.string(),
		adminDisplayVersion: z.string(),
		roles: z.array(z.string()).default(['Mailbox']),
		site: z.string().default('Default-First-Site-Name'),
		services: record(z.string()).default({}),
		databases: z
			.array(
				z
					.object({
						name: z.string(),
						storageGroup: z.string().nullable().default(null),
					})
					.strict(),
			)
			.default([]),
	})
	.strict();

const faultSchema = z
	.object({
		check: z.enum(checkIds),
		kind: z.enum(['hang', 'delay', 'error']),
		/** For delay: how long. */
		ms: z.number().int().min(0).optional(),
		/** For autodiscover: the one endpoint the fault applies to. */
		endpoint: z.string().optional(),
		/** For error: PowerShell's FullyQualifiedErrorId. */
		errorId: z.string().optional(),
		message: z.string().optional(),
	})
	.strict();

export const scenarioSchema = z
	.object({
		name: z.string().default('unnamed'),
		description: z.string().default(''),
		host: z
			.object({
				computerName: z.string().default('K2APP01'),
				/** `null`: no PowerShell on the host at all. */
				powershell: z
					.object({
						version: z.string().default('5.1.17763.1'),
						edition: z.string().default('Desktop'),
						languageMode: z.string().default('FullLanguage'),
						executionPolicy: z.string().default('RemoteSigned'),
					})
					.strict()
					.nullable()
					.default({
						version: '5.1.17763.1',
						edition: 'Desktop',
						languageMode: 'FullLanguage',
						executionPolicy: 'RemoteSigned',
					}),
				winrm: z.string().default('Running'),
				account: z.string().default(String.raw`CONTOSO\k2install`),
				groups: z.array(z.string()).default([]),
				installMode: z.enum(['new', 'upgrade', 'reconfigure']).default('new'),
			})
			.strict()
			.prefault({}),
		dns: z
			.object({
				mx: record(
					z.array(
						z
							.object({exchange: z.string(), priority: z.number().int()})
							.strict(),
					),
				).default({}),
				srv: record(
					z.array(
						z
							.object({
								name: z.string(),
								port: z.number().int(),
								priority: z.number().int().default(0),
								weight: z.number().int().default(0),
							})
							.strict(),
					),
				).default({}),
				a: record(z.array(z.string())).default({}),
			})
			.strict()
			.prefault({}),
		autodiscover: z
			.object({
				scp: z.array(z.string()).default([]),
				endpoints: record(endpointSchema).default({}),
			})
			.strict()
			.prefault({}),
		exchange: z
			.object({
				servers: z.array(serverSchema).default([]),
				roleGroups: record(z.array(z.string())).default({}),
				roleAssignments: z
					.array(z.object({role: z.string(), assignee: z.string()}).strict())
					.default([]),
			})
			.strict()
			.prefault({}),
		faults: z.array(faultSchema).default([]),
	})
	.strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioEndpoint = Scenario['autodiscover']['endpoints'][string];
export type ScenarioFault = Scenario['faults'][number];
