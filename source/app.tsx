/*
The wizard's root: the page router, the help screen and the global keys.
It owns the flow state and the detection run, and is the only place that
listens to the keyboard; pages say what a key means through usePageKeys.
*/
import {Box, Text} from 'ink';
import {useCallback, useMemo, useRef, useState} from 'react';
import Frame from './components/Frame.js';
import {frameSize, minimumSize} from './components/frame-size.js';
import SizeNotice from './components/SizeNotice.js';
import {TextInputEnabled} from './components/TextField.js';
import type {DetectionReport} from './detection/types.js';
import {passwordNeeded} from './flow/validate.js';
import {pageHelp} from './flow/help.js';
import {pageTitles, stepOf} from './flow/pages.js';
import {
	back,
	detectionSettled,
	detectionStarted,
	finalAnswers,
	next,
	setAnswers,
	setPassword,
	startFlow,
	type FlowState,
} from './flow/wizard.js';
import useKeys, {KeyBusContext} from './hooks/use-keys.js';
import {PageKeysContext, type PageKeys} from './hooks/use-page-keys.js';
import useTerminalSize from './hooks/use-terminal-size.js';
import AccountsPage from './pages/AccountsPage.js';
import ConfigurationPage from './pages/ConfigurationPage.js';
import DetectingPage from './pages/DetectingPage.js';
import DonePage, {type Written} from './pages/DonePage.js';
import ExchangePage from './pages/ExchangePage.js';
import NotShownPage from './pages/NotShownPage.js';
import type {PageProps} from './pages/props.js';
import SummaryPage from './pages/SummaryPage.js';
import {diffConfigurations} from './plan/diff.js';
import {createPlan} from './plan/plan.js';
import type {ConfigDocument} from './plan/types.js';
import {SecretError} from './store/credential.js';
import {
	defaultCredentialStore,
	protectStaticPassword,
} from './wizard/static-credential.js';
import type {
	DetectionRun,
	Services,
	WizardOptions,
	WizardResult,
} from './wizard/types.js';

export type Props = {
	readonly options: Omit<WizardOptions, 'stdin' | 'stdout' | 'ascii'>;
	readonly services: Services;
	/** Called once, with how the run ended. */
	readonly onFinish: (result: WizardResult) => void;
};

export default function App({options, services, onFinish}: Props) {
	const terminal = useTerminalSize();
	const size = frameSize(terminal.columns, terminal.rows);
	// While the window is too small the page stays, hidden and laid out for
	// the smallest size, so nothing on it is lost.
	const width = size.fits ? size.width : minimumSize.columns - 1;
	const height = size.fits ? size.height : minimumSize.rows - 1;

	const [flow, setFlow] = useState<FlowState>(() =>
		startFlow({
			answers: options.initialAnswers,
			installMode: options.installMode,
		}),
	);
	const [run, setRun] = useState<DetectionRun>();
	const [help, setHelp] = useState(false);
	const [busy, setBusy] = useState<string>();
	const [failure, setFailure] = useState<string>();
	const [written, setWritten] = useState<Written>({});
	const [result, setResult] = useState<WizardResult>();
	const pageKeys = useRef<PageKeys | undefined>(undefined);
	const finished = useRef(false);
	// A write under way when Ctrl+C comes is let finish: stopped halfway it
	// could leave a temporary file behind, and the run must say truthfully
	// whether the configuration was written.
	const writing = useRef<Promise<WizardResult | undefined>>(undefined);

	const finish = (outcome: WizardResult) => {
		if (!finished.current) {
			finished.current = true;
			run?.cancel();
			onFinish(outcome);
		}
	};

	const keyBus = useKeys(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				const pending = writing.current;
				if (pending) {
					void (async () => {
						finish((await pending) ?? {kind: 'interrupted'});
					})();

					return;
				}

				// On Done the work is written already; quitting there ends the
				// run as it went, not as an interruption that claims nothing was.
				finish(flow.page === 'done' && result ? result : {kind: 'interrupted'});
				return;
			}

			// Keys for a page that cannot be seen would act blindly.
			if (!size.fits) {
				return;
			}

			if (help) {
				if (key.escape || key.return || key.f1 || input === '?') {
					setHelp(false);
				}

				return;
			}

			const page = pageKeys.current;
			if (key.f1 || (input === '?' && !page?.typing)) {
				setHelp(true);
				return;
			}

			page?.handle(input, key);
		},
		{
			typing: () => !help && size.fits && Boolean(pageKeys.current?.typing),
		},
	);

	const goNext = () => {
		let after = next(flow);
		// From the first page, or from the configuration page to ask the
		// server entered there.
		if (flow.page !== 'detecting' && after.page === 'detecting') {
			run?.cancel();
			setRun(
				services.startDetection(
					options.environment,
					{
						email: after.answers.email,
						autodiscover: after.answers.autodiscover ?? true,
						server: after.answers.server,
					},
					{timeoutMs: options.timeoutMs},
				),
			);
			after = detectionStarted(after);
		}

		setFailure(undefined);
		setFlow(after);
	};

	const onReport = useCallback((report: DetectionReport | undefined) => {
		setFlow(current => {
			if (report === current.report) {
				return current;
			}

			return report
				? detectionSettled(current, report)
				: detectionStarted(current);
		});
	}, []);

	const plan = useMemo(():
		| {document: ConfigDocument; error?: undefined}
		| {document?: undefined; error: string} => {
		if (flow.page !== 'summary' && flow.page !== 'done') {
			return {error: 'not yet planned'};
		}

		try {
			return {
				document: createPlan({
					answers: finalAnswers(flow),
					report: flow.report,
					skippedReason: flow.skip?.reason,
				}),
			};
		} catch (error) {
			return {error: error instanceof Error ? error.message : String(error)};
		}
	}, [flow]);

	const writes = flow.skip?.kind !== 'upgrade';

	const apply = async () => {
		const {document} = plan;
		if (!document) {
			setFailure(plan.error);
			return;
		}

		if (!writes) {
			setWritten({
				keptBecause: flow.skip?.reason,
				transcriptPath: options.transcriptPath,
			});
			setResult({
				kind: 'skipped',
				reason: flow.skip?.reason ?? '',
				document,
			});
			setFlow(next(flow));
			return;
		}

		const chosen = finalAnswers(flow);
		const staticPassword = passwordNeeded(chosen) ? flow.password : undefined;
		const credentials = options.credentials ?? defaultCredentialStore;
		setBusy(
			staticPassword === undefined
				? 'Writing the configuration...'
				: 'Protecting the password...',
		);
		await whileWriting(async () => {
			// First, so that a password that cannot be protected stops the run
			// before anything is written.
			const protectedPassword =
				staticPassword === undefined
					? undefined
					: await protectStaticPassword(staticPassword, credentials.protect);
			setBusy('Writing the configuration...');
			// The credential before the configuration that names Static, so
			// the configuration is never on disk without it.
			const credentialPath =
				protectedPassword === undefined || !chosen.serviceAccount
					? undefined
					: await credentials.save(options.configPath, {
							account: chosen.serviceAccount,
							protectedPassword,
						});
			const outcome = await options.apply(document);
			// Every applied run leaves its answers (no secrets) for replaying
			// the same choices unattended, as the Done page says.
			let answers: Pick<Written, 'answersPath' | 'answersProblem'>;
			try {
				answers = {answersPath: await options.saveAnswers(finalAnswers(flow))};
			} catch (error) {
				answers = {answersProblem: messageOf(error)};
			}

			setWritten({
				...outcome,
				...answers,
				credentialPath,
				replayNeedsPassword: staticPassword !== undefined,
				transcriptPath: options.transcriptPath,
			});
			const applied: WizardResult = {
				kind: 'applied',
				document,
				answers: finalAnswers(flow),
				configPath: outcome.configPath,
				credentialPath,
			};
			setResult(applied);
			setFlow(next(flow));
			return applied;
		}, 'Could not write the configuration');
	};

	const saveAnswersOnly = async () => {
		setBusy('Saving the answer file...');
		await whileWriting(async () => {
			const answers = finalAnswers(flow);
			const path = await options.saveAnswers(answers);
			setWritten({
				answersPath: path,
				replayNeedsPassword: passwordNeeded(answers),
				transcriptPath: options.transcriptPath,
			});
			const saved: WizardResult = {kind: 'saved-answers', path};
			setResult(saved);
			setFlow(next(flow));
			return saved;
		}, 'Could not save the answer file');
	};

	/** Runs a write, known to Ctrl+C while it lasts; a failure is shown. */
	const whileWriting = async (
		write: () => Promise<WizardResult>,
		failed: string,
	) => {
		const pending = (async () => {
			try {
				return await write();
			} catch (error) {
				// A refusal to keep the password says itself what was not done.
				setFailure(
					error instanceof SecretError
						? error.message
						: `${failed}: ${messageOf(error)}`,
				);
				return undefined;
			} finally {
				setBusy(undefined);
			}
		})();
		writing.current = pending;
		await pending;
		writing.current = undefined;
	};

	const pageProps: PageProps = {
		flow,
		width,
		height,
		onChange(patch) {
			setFlow(current => setAnswers(current, patch));
		},
		onNext: goNext,
		onBack() {
			setFailure(undefined);
			setFlow(back(flow));
		},
	};

	const page = (() => {
		switch (flow.page) {
			case 'exchange': {
				return <ExchangePage {...pageProps} />;
			}

			case 'detecting': {
				return run ? (
					<DetectingPage
						{...pageProps}
						run={run}
						environment={options.environment.description}
						onReport={onReport}
					/>
				) : null;
			}

			case 'configuration': {
				return <ConfigurationPage {...pageProps} />;
			}

			case 'not-shown': {
				return <NotShownPage {...pageProps} />;
			}

			case 'accounts': {
				return (
					<AccountsPage
						{...pageProps}
						checkRights={services.checkRights}
						onPassword={password => {
							setFlow(current => setPassword(current, password));
						}}
					/>
				);
			}

			case 'summary': {
				return plan.document ? (
					<SummaryPage
						{...pageProps}
						document={plan.document}
						changes={
							options.existing
								? diffConfigurations(options.existing, plan.document)
								: undefined
						}
						writes={writes}
						busy={busy}
						failure={failure}
						onApply={() => {
							void apply();
						}}
						onSaveAnswers={() => {
							void saveAnswersOnly();
						}}
					/>
				) : (
					<Text color="red">{plan.error}</Text>
				);
			}

			case 'done': {
				return (
					<DonePage
						{...pageProps}
						written={written}
						onNext={() => {
							if (result) {
								finish(result);
							}
						}}
					/>
				);
			}
		}
	})();

	return (
		<KeyBusContext.Provider value={keyBus}>
			<PageKeysContext.Provider value={pageKeys}>
				<TextInputEnabled.Provider value={!help && size.fits}>
					{size.fits ? null : (
						<SizeNotice columns={size.columns} rows={size.rows} />
					)}
					<Box key={flow.page} display={help || !size.fits ? 'none' : 'flex'}>
						{page}
					</Box>
					{help && size.fits ? (
						<Frame
							title={`Help: ${pageTitles[flow.page]}`}
							step={stepOf(flow.page)}
							hints={[
								['Esc', 'close help'],
								['Ctrl+C', 'quit'],
							]}
							width={width}
							height={height}
						>
							{pageHelp[flow.page].map(line => (
								<Text key={line}>{line}</Text>
							))}
						</Frame>
					) : null}
				</TextInputEnabled.Provider>
			</PageKeysContext.Provider>
		</KeyBusContext.Provider>
	);
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
