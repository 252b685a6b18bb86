import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import type {Answers} from '../../source/answers/schema.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import type {Environment} from '../../source/environment/types.js';
import type {ConfigDocument} from '../../source/plan/types.js';
import {runPlain} from '../../source/plain/run.js';
import {createConversation, type Conversation} from './conversation.js';

let directory: string;
let environment: Environment;
let applied: ConfigDocument[];

beforeEach(async () => {
	directory = mkdtempSync(path.join(os.tmpdir(), 'k2-plain-'));
	environment = createSimulatedEnvironment(await loadScenario('contoso-2019'));
	applied = [];
});

afterEach(async () => {
	await environment.dispose?.();
	rmSync(directory, {recursive: true, force: true});
});

async function start(conversation: Conversation, initialAnswers: Answers = {}) {
	return runPlain({
		environment,
		initialAnswers,
		configPath: path.join(directory, 'config.json'),
		input: conversation.input,
		output: conversation.output,
		handleInterrupt: false,
		async apply(document) {
			applied.push(document);
			const configPath = path.join(directory, 'config.json');
			await writeFile(configPath, JSON.stringify(document));
			return {configPath, backupPath: null, changed: true};
		},
		async saveAnswers(answers) {
			const answersPath = path.join(directory, 'answers.json');
			await writeFile(answersPath, JSON.stringify(answers));
			return answersPath;
		},
	});
}

const choose = /Type a number from 1 to \d+[^:]*: $/;

async function firstPage(conversation: Conversation, email: string) {
	await conversation.answer(
		/Use Exchange for mail integration\?[\s\S]*: $/,
		'1',
	);
	await conversation.answer(/Use Autodiscover\?[\s\S]*: $/, '');
	await conversation.answer(/Email address[^:]*: $/, email);
}

test('walks an on-premises setup with both integrations to done', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await firstPage(conversation, 'k2svc@contoso.com');
	const detection = await conversation.expectText(/What next\?[\s\S]*: $/);
	expect(detection).toMatch(/pass {2}PowerShell \(/);
	await conversation.answer(/What next\?[\s\S]*: $/, '');
	await conversation.answer(/Deployment[\s\S]*\(current\)[\s\S]*: $/, '1');
	await conversation.answer(/Enable standard[\s\S]*: $/, '1');
	await conversation.answer(/Enable administrative[\s\S]*: $/, '1');
	await conversation.answer(/Exchange Server[\s\S]*or a name[^:]*: $/, '1');
	await conversation.answer(/Authentication[\s\S]*: $/, '');
	await conversation.answer(
		/Service account[^:]*: $/,
		String.raw`CONTOSO\svc-k2`,
	);
	await conversation.answer(/Mailbox database[\s\S]*or a name[^:]*: $/, '1');
	const summary = await conversation.expectText(/What next\?[\s\S]*: $/);
	expect(summary).toContain('Exchange Administration');
	await conversation.answer(/What next\?[\s\S]*: $/, '1');

	const outcome = await result;
	expect(outcome.kind).toBe('applied');
	expect(applied).toHaveLength(1);
	const written = JSON.parse(
		readFileSync(path.join(directory, 'config.json'), 'utf8'),
	) as ConfigDocument;
	expect(written.exchange).toMatchObject({
		enabled: true,
		deployment: 'on-premises',
		server: 'exch01.contoso.com',
		standard: true,
		administrative: true,
	});
	expect(written.serviceInstances.map(instance => instance.name)).toEqual([
		'Exchange Management',
		'Exchange Meta Data',
		'Exchange Administration',
	]);
	expect(conversation.transcript()).toMatch(
		/pass {2}ApplicationImpersonation for CONTOSO\\svc-k2: assigned/,
	);
	expect(conversation.transcript()).toMatch(/== Done \(6 of 6\) ==/);
});

test('asks again after a value that fails validation', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await conversation.answer(
		/Use Exchange for mail integration\?[\s\S]*: $/,
		'1',
	);
	await conversation.answer(/Use Autodiscover\?[\s\S]*: $/, '');
	await conversation.answer(/Email address[^:]*: $/, 'not an address');
	const retry = await conversation.expectText(/Email address[^:]*: $/);
	expect(retry).toMatch(/Email address must be an email address/);
	conversation.endInput();
	expect(await result).toEqual({kind: 'interrupted'});
	expect(applied).toEqual([]);
});

test('asks again after a number that is not offered', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await conversation.answer(
		/Use Exchange for mail integration\?[\s\S]*: $/,
		'7',
	);
	const retry = await conversation.expectText(choose);
	expect(retry).toContain('"7" is not one of the numbers 1 to 2.');
	conversation.endInput();
	await result;
});

test('reports a required field left empty when Next is taken', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await firstPage(conversation, '');
	const problem = await conversation.expectText(/Email address[^:]*: $/);
	expect(problem).toMatch(
		/Problem: Email address is required for Autodiscover/,
	);
	await conversation.answer(/Email address[^:]*: $/, 'k2svc@contoso.com');
	await conversation.expectText(/Detecting your Exchange environment/);
	conversation.endInput();
	await result;
});

test('goes back a page keeping what was entered', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await firstPage(conversation, 'k2svc@contoso.com');
	await conversation.answer(/What next\?[\s\S]*: $/, '');
	await conversation.answer(/Deployment[\s\S]*: $/, 'back');
	const results = await conversation.expectText(/What next\?[\s\S]*: $/);
	expect(results).toContain('The checks found:');
	expect(results).not.toContain('Running the checks');
	await conversation.answer(/What next\?[\s\S]*: $/, 'back');
	const again = await conversation.expectText(/Enter keeps 1: $/);
	expect(again).toContain('== Exchange (1 of 6) ==');
	expect(again).toMatch(/1\. Yes {2}\(current\)/);
	await conversation.answer(
		/Use Exchange for mail integration\?[\s\S]*: $/,
		'',
	);
	await conversation.answer(/Use Autodiscover\?[\s\S]*: $/, '');
	await conversation.expectText(/Email address \[k2svc@contoso\.com]: $/);
	conversation.endInput();
	await result;
});

test('integration off writes the skipped configuration', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await conversation.answer(
		/Use Exchange for mail integration\?[\s\S]*: $/,
		'',
	);
	const summary = await conversation.expectText(/What next\?[\s\S]*: $/);
	expect(summary).toContain('Nothing about Exchange is configured.');
	await conversation.answer(/What next\?[\s\S]*: $/, '1');
	const outcome = await result;
	expect(outcome.kind).toBe('skipped');
	expect(applied[0]?.exchange.enabled).toBe(false);
	expect(applied[0]?.serviceInstances).toEqual([]);
});

test('the end of input quits and writes nothing', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await firstPage(conversation, 'k2svc@contoso.com');
	await conversation.answer(/What next\?[\s\S]*: $/, '');
	await conversation.expectText(/Deployment[\s\S]*: $/);
	conversation.endInput();
	expect(await result).toEqual({kind: 'interrupted'});
	expect(conversation.transcript()).toContain(
		'Interrupted: nothing was written.',
	);
	expect(applied).toEqual([]);
});

test('static, whose password would show as typed, is refused and the mode asked again', async () => {
	const conversation = createConversation();
	const result = start(conversation);
	await firstPage(conversation, 'k2svc@contoso.com');
	await conversation.answer(/What next\?[\s\S]*: $/, '');
	await conversation.answer(/Deployment[\s\S]*\(current\)[\s\S]*: $/, '');
	await conversation.answer(/Enable standard[\s\S]*: $/, '');
	await conversation.answer(/Enable administrative[\s\S]*: $/, '');
	await conversation.answer(/Exchange Server[\s\S]*or a name[^:]*: $/, '');
	await conversation.answer(/Authentication[\s\S]*: $/, '4');
	await conversation.answer(
		/Service account[^:]*: $/,
		String.raw`CONTOSO\svc-k2`,
	);
	const refusal = await conversation.expectText(/Authentication[\s\S]*: $/);
	expect(refusal).toMatch(
		/Problem: Static authentication needs the account's password, which this line-by-line face would show/,
	);
	await conversation.answer(/Authentication[\s\S]*: $/, '2');
	await conversation.answer(/Service account \[CONTOSO\\svc-k2]: $/, '');
	await conversation.expectText(/== Summary \(5 of 6\) ==/);
	conversation.endInput();
	await result;
	expect(applied).toEqual([]);
});

test('with nothing found, the server entered is asked, and one that does not answer leaves exchange unconfigured', async () => {
	await environment.dispose?.();
	environment = createSimulatedEnvironment(await loadScenario('nothing-found'));
	const conversation = createConversation();
	const result = start(conversation);
	await firstPage(conversation, 'k2svc@adatum.com');
	await conversation.answer(/What next\?[\s\S]*: $/, '');
	const page = await conversation.expectText(/Deployment[\s\S]*: $/);
	expect(page).toContain("Nothing was discovered: enter the server's FQDN");
	await conversation.answer(/Deployment[\s\S]*: $/, '');
	await conversation.answer(/Enable standard[\s\S]*: $/, '');
	await conversation.answer(/Enable administrative[\s\S]*: $/, '');
	await conversation.answer(/Exchange Version[\s\S]*: $/, '5');
	await conversation.answer(/Exchange Server[^:]*: $/, 'exch01.adatum.com');
	const checks = await conversation.expectText(/What next\?[\s\S]*: $/);
	expect(checks).toMatch(/exch01\.adatum\.com: name not found in DNS/);
	await conversation.answer(/What next\?[\s\S]*: $/, '');
	const again = await conversation.expectText(/Deployment[\s\S]*: $/);
	expect(again).toContain('exch01.adatum.com did not answer.');
	await conversation.answer(/Deployment[\s\S]*: $/, '');
	await conversation.answer(/Enable standard[\s\S]*: $/, '');
	await conversation.answer(/Enable administrative[\s\S]*: $/, '');
	await conversation.answer(/Exchange Version[\s\S]*: $/, '');
	await conversation.answer(/Exchange Server[^:]*: $/, '');
	const summary = await conversation.expectText(/What next\?[\s\S]*: $/);
	expect(summary).toContain(
		'Reason: no Exchange answered: exch01.adatum.com: name not found in DNS',
	);
	await conversation.answer(/What next\?[\s\S]*: $/, '1');
	await result;
	expect(applied.map(document => document.exchange)).toEqual([
		{
			enabled: false,
			skippedReason:
				'no Exchange answered: exch01.adatum.com: name not found in DNS',
		},
	]);
});
