/*
The wizard as plain state and transitions: which page is shown, what was
entered, and where Next and Back lead. The Ink face renders this state and
turns keys into these calls; tests drive it directly.

Every answer lives in one object for the whole run, so going Back never
loses what was entered; pages only decide which of the answers apply.
*/
import type {Answers} from '../answers/schema.js';
import type {DetectionReport} from '../detection/types.js';
import type {InstallMode} from '../environment/types.js';
import type {PageId} from './pages.js';
import {
	integrationOff,
	nothingTicked,
	prerequisitesSkip,
	serverToEnter,
	serverUnanswered,
	upgradeSkip,
	type Skip,
} from './skip.js';
import {hasErrors, validatePage, type FieldErrors} from './validate.js';
import {versionOf} from './version.js';

export type FlowState = {
	readonly page: PageId;
	/** The pages behind this one, most recent last: what Back returns to. */
	readonly history: readonly PageId[];
	readonly answers: Answers;
	/**
	The Static password, kept apart from the answers so that nothing made
	from them (the answer file, the plan) can hold it.
	*/
	readonly password: string | undefined;
	readonly installMode: InstallMode;
	readonly report: DetectionReport | undefined;
	/** The server the latest detection run was asked about, if one was named. */
	readonly askedServer: string | undefined;
	/** Problems found on this page by the last Next. */
	readonly errors: FieldErrors;
	/** Why Exchange is not being configured, once the flow knows. */
	readonly skip: Skip | undefined;
};

export function startFlow(options: {
	answers: Answers;
	installMode?: InstallMode;
}): FlowState {
	return {
		page: 'exchange',
		history: [],
		answers: {
			useExchange: false,
			autodiscover: true,
			...options.answers,
		},
		password: undefined,
		installMode: options.installMode ?? 'new',
		report: undefined,
		askedServer: undefined,
		errors: {},
		skip: undefined,
	};
}

export function setAnswers(state: FlowState, patch: Answers): FlowState {
	const answers = {...state.answers, ...patch};
	// An error is cleared once its field changes; the rest stay until Next.
	const errors: FieldErrors = Object.fromEntries(
		Object.entries(state.errors).filter(
			([field]) => !Object.hasOwn(patch, field),
		),
	);
	return {...state, answers, errors};
}

export function setPassword(
	state: FlowState,
	password: string | undefined,
): FlowState {
	const errors = {...state.errors};
	delete errors.password;
	return {
		...state,
		password: password === '' ? undefined : password,
		errors,
	};
}

/** A new detection run began: the old report no longer stands. */
export function detectionStarted(state: FlowState): FlowState {
	return {...state, report: undefined};
}

/**
Detection settled: keep the report and fill what the administrator has not
chosen from its proposal. Choices already made, by hand or from an answer
file, are never replaced.
*/
export function detectionSettled(
	state: FlowState,
	report: DetectionReport,
): FlowState {
	const {proposal, findings} = report;
	const filled: Answers = {...state.answers};
	filled.deployment ??= proposal.deployment ?? 'on-premises';
	if (filled.standard === undefined && filled.administrative === undefined) {
		filled.standard = true;
	}

	filled.standard ??= false;
	filled.administrative ??= false;
	if (filled.deployment === 'on-premises') {
		filled.server ??= proposal.server ?? findings.servers[0]?.fqdn ?? undefined;
	}

	filled.mailboxDatabase ??= findings.databases[0]?.name;
	return {
		...state,
		report,
		answers: filled,
		installMode:
			state.installMode === 'new' ? findings.installMode : state.installMode,
	};
}

/**
The authentication mode when none was chosen: impersonation for standard
integration on-premises, the service account otherwise (impersonation is
gone from Exchange Online).
*/
export function defaultAuthentication(
	answers: Answers,
): NonNullable<Answers['authentication']> {
	return answers.standard && answers.deployment !== 'online'
		? 'impersonate'
		: 'service-account';
}

function withoutUndefined(answers: Answers): Answers {
	return Object.fromEntries(
		Object.entries(answers).filter(([, value]) => value !== undefined),
	);
}

/**
The answers that apply to the path taken: what the plan is made from and
what an answer file records. Fields of pages not on the path are dropped,
though the state keeps them in case the administrator goes Back.
*/
export function finalAnswers(state: FlowState): Answers {
	const {answers, report} = state;
	const base: Answers = {
		useExchange: answers.useExchange ?? false,
		autodiscover: answers.autodiscover,
		email: answers.email,
	};
	if (!answers.useExchange || state.skip) {
		// The server named that did not answer is what a replay asks again.
		return withoutUndefined(
			state.skip?.kind === 'server-unanswered'
				? {...base, server: answers.server}
				: base,
		);
	}

	const online = answers.deployment === 'online';
	const common: Answers = {
		...base,
		deployment: answers.deployment,
		standard: answers.standard ?? false,
		administrative: online ? false : (answers.administrative ?? false),
		exchangeVersion: versionOf(answers, report).choice,
		authentication: answers.authentication,
	};
	if (online) {
		return withoutUndefined({
			...common,
			tenantId: answers.tenantId,
			clientId: answers.clientId,
			certificateThumbprint: answers.certificateThumbprint,
		});
	}

	return withoutUndefined({
		...common,
		server: answers.server,
		serviceAccount: answers.serviceAccount,
		mailboxDatabase: answers.administrative
			? answers.mailboxDatabase
			: undefined,
	});
}

/**
Whether the server entered is the one the latest detection asked, so that
its outcome stands for it.
*/
export function serverAsked(state: FlowState): boolean {
	const {server} = state.answers;
	return (
		server !== undefined &&
		server.toLowerCase() === state.askedServer?.toLowerCase()
	);
}

function go(state: FlowState, page: PageId, skip?: Skip): FlowState {
	return {
		...state,
		page,
		history: [...state.history, state.page],
		errors: {},
		skip,
	};
}

/**
Next from the current page. A page with problems stays, with its errors set;
the detecting page moves on only once a report has settled.
*/
export function next(state: FlowState): FlowState {
	const errors = validatePage(
		state.page,
		state.answers,
		state.report,
		state.password,
	);
	if (hasErrors(errors)) {
		return {...state, errors};
	}

	switch (state.page) {
		case 'exchange': {
			if (!state.answers.useExchange) {
				return go(state, 'summary', integrationOff);
			}

			if (state.installMode === 'upgrade') {
				return go(state, 'not-shown', upgradeSkip);
			}

			return {...go(state, 'detecting'), askedServer: state.answers.server};
		}

		case 'detecting': {
			if (!state.report) {
				return state;
			}

			if (state.report.findings.installMode === 'upgrade') {
				return go(state, 'not-shown', upgradeSkip);
			}

			const skip = prerequisitesSkip(state.report);
			return skip ? go(state, 'not-shown', skip) : go(state, 'configuration');
		}

		case 'not-shown': {
			return go(state, 'summary', state.skip);
		}

		case 'configuration': {
			return fromConfiguration(state);
		}

		case 'accounts': {
			return go(state, 'summary');
		}

		case 'summary': {
			return go(state, 'done', state.skip);
		}

		case 'done': {
			return state;
		}
	}
}

/**
Next from the configuration page: the summary when nothing is ticked, the
checks again for a server entered because nothing was discovered, else the
accounts page.
*/
function fromConfiguration(state: FlowState): FlowState {
	const {report, answers} = state;
	const {standard, administrative, deployment} = answers;
	const ticked =
		standard === true || (administrative && deployment !== 'online');
	if (!ticked) {
		return go(state, 'summary', nothingTicked);
	}

	if (report && deployment !== 'online' && serverToEnter(report)) {
		// Nothing rests on a server no check has reached: a new name is asked
		// first, and one asked already that did not answer leaves Exchange
		// unconfigured, as the page said it would.
		return serverAsked(state)
			? go(state, 'summary', serverUnanswered(report, answers.server ?? ''))
			: {...detectionStarted(back(state)), askedServer: answers.server};
	}

	// The default mode depends on the deployment, so it is chosen only now
	// that the deployment is known.
	const authentication =
		answers.authentication ?? defaultAuthentication(answers);
	return go(setAnswers(state, {authentication}), 'accounts');
}

/**
Back to the page before. Nothing entered is lost: only the page changes,
and the skip decided on the way here is forgotten, since the way forward
is taken again.
*/
export function back(state: FlowState): FlowState {
	const previous = state.history.at(-1);
	if (previous === undefined || state.page === 'done') {
		return state;
	}

	const history = state.history.slice(0, -1);
	const skip =
		previous === 'not-shown' || previous === 'summary' ? state.skip : undefined;
	return {...state, page: previous, history, errors: {}, skip};
}
