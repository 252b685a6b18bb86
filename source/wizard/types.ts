/*
What the wizard is given and what it hands back (see runWizard).
*/
import type {Answers} from '../answers/schema.js';
import type {DetectionRequest, DetectionRun} from '../detection/run.js';
import type {RightCheck, RightsInput} from '../detection/rights.js';
import type {Environment, InstallMode} from '../environment/types.js';
import type {ConfigDocument} from '../plan/types.js';
import type {CredentialStore} from './static-credential.js';

export type ApplyOutcome = {
	readonly configPath: string;
	readonly backupPath: string | null;
	readonly changed: boolean;
};

export type WizardOptions = {
	readonly environment: Environment;
	/** Pre-fills every page: Enter on each walks through with these. */
	readonly initialAnswers: Answers;
	readonly installMode?: InstallMode;
	/** The configuration on disk, for a reconfigure: the Summary shows the difference. */
	readonly existing?: ConfigDocument;
	/** Per detection stage. */
	readonly timeoutMs?: number;
	readonly ascii?: boolean;
	/**
	Where Apply writes the configuration; a Static credential goes beside it,
	and is written first.
	*/
	readonly configPath: string;
	/** Writes the configuration; the wizard calls it from Apply on the Summary. */
	readonly apply: (document: ConfigDocument) => Promise<ApplyOutcome>;
	/** Writes the answer file; returns the path written. */
	readonly saveAnswers: (answers: Answers) => Promise<string>;
	/**
	Protects and keeps the Static password at Apply.
	@default DPAPI through PowerShell, `credential.json` beside the configuration
	*/
	readonly credentials?: CredentialStore;
	/** Where the detection transcript goes, shown on the Done page. */
	readonly transcriptPath?: string;
	readonly stdin?: NodeJS.ReadStream;
	readonly stdout?: NodeJS.WriteStream;
};

export type WizardResult =
	| {
			readonly kind: 'applied';
			readonly document: ConfigDocument;
			readonly answers: Answers;
			readonly configPath: string;
			readonly answersPath?: string;
			/** Where the protected Static password was saved. */
			readonly credentialPath?: string;
	  }
	| {readonly kind: 'saved-answers'; readonly path: string}
	| {
			readonly kind: 'skipped';
			readonly reason: string;
			readonly document: ConfigDocument;
	  }
	| {readonly kind: 'interrupted'};

export type {
	CheckState,
	DetectionRequest,
	DetectionRun,
	DetectionState,
} from '../detection/run.js';

export type {RightCheck, RightsInput} from '../detection/rights.js';

export type Services = {
	readonly startDetection: (
		environment: Environment,
		request: DetectionRequest,
		options?: {timeoutMs?: number},
	) => DetectionRun;
	readonly checkRights: (input: RightsInput) => RightCheck[];
};
