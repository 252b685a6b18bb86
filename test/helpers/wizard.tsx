/*
The wizard's app on an 80x24 test terminal, against a built-in simulated
scenario, writing with the real store into a temporary folder.
*/
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {Answers} from '../../source/answers/schema.js';
import App from '../../source/app.js';
import Glyphs from '../../source/components/Glyphs.js';
import {checkRights} from '../../source/detection/rights.js';
import {startDetection} from '../../source/detection/run.js';
import {loadScenario} from '../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../source/environment/simulated/index.js';
import type {InstallMode} from '../../source/environment/types.js';
import type {ConfigDocument} from '../../source/plan/types.js';
import {saveAnswers} from '../../source/store/answers-file.js';
import {writeConfiguration} from '../../source/store/configuration.js';
import type {CredentialStore} from '../../source/wizard/static-credential.js';
import type {WizardResult} from '../../source/wizard/types.js';
import {renderTerminal, type Terminal} from './terminal.js';

export type WizardSetup = {
	readonly scenario: string;
	readonly answers?: Answers;
	readonly installMode?: InstallMode;
	readonly existing?: ConfigDocument;
	readonly timeoutMs?: number;
	readonly ascii?: boolean;
	/** How the Static password is protected and kept; by default DPAPI. */
	readonly credentials?: CredentialStore;
};

export type WizardTerminal = Terminal & {
	/** Resolves with the result once the wizard finishes. */
	readonly result: Promise<WizardResult>;
	readonly folder: string;
	/** Unmounts, ends the environment and removes the folder. */
	dispose(): Promise<void>;
};

export async function renderWizard(
	setup: WizardSetup,
): Promise<WizardTerminal> {
	const environment = createSimulatedEnvironment(
		await loadScenario(setup.scenario),
	);
	const folder = await mkdtemp(path.join(tmpdir(), 'k2-wizard-'));
	let settle: (result: WizardResult) => void = () => undefined;
	const result = new Promise<WizardResult>(resolve => {
		settle = resolve;
	});
	const terminal = await renderTerminal(
		<Glyphs ascii={setup.ascii ?? false}>
			<App
				services={{startDetection, checkRights}}
				options={{
					environment,
					initialAnswers: setup.answers ?? {},
					configPath: path.join(folder, 'k2-exchange.json'),
					installMode: setup.installMode,
					existing: setup.existing,
					timeoutMs: setup.timeoutMs,
					credentials: setup.credentials,
					transcriptPath: path.join(folder, 'detect.jsonl'),
					async apply(document) {
						const configPath = path.join(folder, 'k2-exchange.json');
						const written = await writeConfiguration(configPath, document);
						return {
							configPath,
							backupPath: written.backupPath,
							changed: written.changed,
						};
					},
					async saveAnswers(answers) {
						const answersPath = path.join(folder, 'answers.json');
						await saveAnswers(answersPath, answers);
						return answersPath;
					},
				}}
				onFinish={settle}
			/>
		</Glyphs>,
	);
	return {
		...terminal,
		result,
		folder,
		async dispose() {
			terminal.unmount();
			await environment.dispose();
			await rm(folder, {recursive: true, force: true});
		},
	};
}
