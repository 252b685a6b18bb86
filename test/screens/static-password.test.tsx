import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, expect, test} from 'vitest';
import {loadAnswersFile} from '../../source/answers/parse.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {protectSecret} from '../../source/environment/powershell/protect-secret.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import {pathsBeside} from '../../source/store/paths.js';
import {runUnattended} from '../../source/unattended/run.js';
import {defaultCredentialStore} from '../../source/wizard/static-credential.js';
import {filesUnder} from '../helpers/files.js';
import {settled, walk, type Walk} from '../helpers/walk.js';
import {renderWizard, type WizardTerminal} from '../helpers/wizard.js';

const canary = 'Canary-5e8b1d-P@ssw0rd';
const protectedForm = 'AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA';
const account = String.raw`CONTOSO\svc-k2`;
const answers = {useExchange: true, email: 'k2svc@contoso.com'};

let terminal: WizardTerminal | undefined;
afterEach(async () => {
	await terminal?.dispose();
});

/** From the first page to Static chosen on Accounts, the account typed. */
async function toStatic(user: Walk) {
	await user.press('enter');
	await user.until('Detecting');
	await settled(terminal!);
	await user.press('enter');
	await user.until('Configure Exchange On-premises');
	await user.press('enter');
	await user.until('Accounts and permissions');
	await user.press('down', 3);
	await user.press('space');
	await user.until('(•) Static');
	await user.press('tab');
	await user.type(account);
	await user.until(String.raw`account:          CONTOSO\svc-k2`);
}

/** On from Static chosen: the password typed, Next, then Apply. */
async function applyWithPassword(user: Walk, password: string) {
	await user.press('tab');
	await user.type(password);
	await user.press('enter');
	await user.until('Summary');
	await user.press('enter');
}

test('static authentication takes a hidden password that is kept only protected, and its answers replay with --password-stdin', async () => {
	const given: string[] = [];
	terminal = await renderWizard({
		scenario: 'contoso-2019',
		answers,
		credentials: {
			async protect(plain) {
				given.push(plain);
				return {ok: true, value: protectedForm};
			},
			save: defaultCredentialStore.save,
		},
	});
	const user = walk(terminal);
	await toStatic(user);
	await user.press('enter');
	await user.until('Password is required');
	// Next moves focus to the first field with a problem.
	await user.until('› Password');
	await user.shot('4 accounts, static without a password');

	await user.type(canary);
	await user.until('*'.repeat(canary.length));
	expect(terminal.screen()).not.toContain(canary);
	await user.shot('4 accounts, password typed hidden');

	await user.press('enter');
	await user.until('Summary');
	await user.press('enter');
	await user.until('Done');
	await user.shot('6 done, static');
	await user.press('enter');

	const result = await terminal.result;
	expect(result.kind).toBe('applied');
	expect(given).toEqual([canary]);
	const credential = path.join(terminal.folder, 'credential.json');
	expect(result.kind === 'applied' && result.credentialPath).toBe(credential);
	expect(JSON.parse(await readFile(credential, 'utf8'))).toEqual({
		account,
		password: {protection: 'dpapi', data: protectedForm},
	});
	const files = await filesUnder(terminal.folder);
	expect(files.map(file => path.basename(file)).sort()).toEqual([
		'answers.json',
		'credential.json',
		'k2-exchange.json',
	]);
	for (const file of files) {
		// eslint-disable-next-line no-await-in-loop
		expect(await readFile(file, 'utf8'), file).not.toContain(canary);
	}

	// The saved answers, replayed unattended with the password on stdin,
	// write the configuration the wizard wrote.
	const saved = await loadAnswersFile(
		path.join(terminal.folder, 'answers.json'),
	);
	expect(saved).toMatchObject({authentication: 'static'});
	const replay = pathsBeside(path.join(terminal.folder, 'replay', 'c.json'));
	const output = new PassThrough();
	const code = await runUnattended({
		answers: saved,
		origins: {},
		paths: replay,
		existing: undefined,
		reconfigure: false,
		createEnvironment: async () =>
			createSimulatedEnvironment(await loadScenario('contoso-2019')),
		password: canary,
		async protect() {
			return {ok: true, value: protectedForm};
		},
		json: false,
		ascii: false,
		signal: new AbortController().signal,
		stdout: output,
		stderr: output,
	});
	expect(code).toBe(0);
	expect(await readFile(replay.configuration, 'utf8')).toBe(
		await readFile(path.join(terminal.folder, 'k2-exchange.json'), 'utf8'),
	);
});

test('where the password cannot be protected, apply writes nothing and says why', async () => {
	terminal = await renderWizard({
		scenario: 'contoso-2019',
		answers,
		credentials: {
			// The real protection, as on any system but Windows.
			async protect(plain) {
				return protectSecret(plain, {platform: 'linux'});
			},
			save: defaultCredentialStore.save,
		},
	});
	const user = walk(terminal);
	await toStatic(user);
	await applyWithPassword(user, canary);
	await user.until('cannot be protected here');
	expect(terminal.screen()).not.toContain(canary);
	await user.shot('5 summary, password cannot be protected');
	expect(await filesUnder(terminal.folder)).toEqual([]);
});

test('a credential that cannot be saved leaves no configuration that needs it', async () => {
	terminal = await renderWizard({
		scenario: 'contoso-2019',
		answers,
		credentials: {
			async protect() {
				return {ok: true, value: protectedForm};
			},
			async save() {
				throw new Error('the disk is full');
			},
		},
	});
	const user = walk(terminal);
	await toStatic(user);
	await applyWithPassword(user, canary);
	await user.until('the disk is full');
	expect(await filesUnder(terminal.folder)).toEqual([]);
});
