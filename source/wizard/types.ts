/*
What the wizard is given and what it hands back (see runWizard).
*/
import type {Answers} from '../answers/schema.js';
import type {
	CheckId,
	CheckResult,
	Deployment,
	DetectionReport,
	Findings,
} from '../detection/types.js';
import type {Environment, InstallMode} from '../environment/types.js';
import type {ConfigDocument} from '../plan/types.js';

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
	/** Writes the configuration; the wizard calls it from Apply on the Summary. */
	readonly apply: (document: ConfigDocument) => Promise<ApplyOutcome>;
	/** Writes the answer file; returns the path written. */
	readonly saveAnswers: (answers: Answers) => Promise<string>;
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
	  }
	| {readonly kind: 'saved-answers'; readonly path: string}
	| {
			readonly kind: 'skipped';
			readonly reason: string;
			readonly document: ConfigDocument;
	  }
	| {readonly kind: 'interrupted'};

/*
The detection and rights interfaces the pages use, as H-detect publishes
them in source/detection/run.ts and rights.ts.
*/

export type CheckState =
	| {readonly phase: 'pending'}
	| {readonly phase: 'running'; readonly since: number}
	| {readonly phase: 'done'; readonly result: CheckResult};

export type DetectionState = Readonly<Partial<Record<CheckId, CheckState>>>;

export type DetectionRequest = {
	readonly email?: string;
	readonly autodiscover: boolean;
	readonly server?: string;
};

export type DetectionRun = {
	state(): DetectionState;
	subscribe(listener: () => void): () => void;
	cancel(): void;
	retry(): void;
	report(): DetectionReport | undefined;
};

export type RightCheck = {
	readonly right: string;
	readonly holder: string;
	readonly status: 'pass' | 'warn' | 'skip';
	readonly detail: string;
	readonly fix: string | null;
};

export type RightsInput = {
	readonly findings: Findings;
	readonly deployment: Deployment;
	readonly standard: boolean;
	readonly administrative: boolean;
	readonly serviceAccount: string | null;
};

export type Services = {
	readonly startDetection: (
		environment: Environment,
		request: DetectionRequest,
		options?: {timeoutMs?: number},
	) => DetectionRun;
	readonly checkRights: (input: RightsInput) => RightCheck[];
};
