import {Box, Text} from 'ink';
import Dropdown from '../components/Dropdown.js';
import FieldError from '../components/FieldError.js';
import Frame from '../components/Frame.js';
import {useGlyphs} from '../components/Glyphs.js';
import RadioGroup from '../components/RadioGroup.js';
import TextField from '../components/TextField.js';
import {authenticationChoices, databaseChoices} from '../flow/choices.js';
import {
	fieldLabels,
	passwordField,
	passwordLabel,
	type FieldId,
} from '../flow/fields.js';
import {pageTitles, stepOf} from '../flow/pages.js';
import {passwordNeeded} from '../flow/validate.js';
import useForm, {type Control} from '../hooks/use-form.js';
import usePageKeys from '../hooks/use-page-keys.js';
import type {RightCheck, Services} from '../wizard/types.js';
import {formHints} from './hints.js';
import type {PageProps} from './props.js';

export type Props = PageProps & {
	readonly checkRights: Services['checkRights'];
	/** The Static password changed; it is no answer, so not onChange. */
	readonly onPassword: (password: string) => void;
};

export const staticPasswordNote =
	'Saved DPAPI-protected only; a replay reads it from --password-stdin.';

export const ewsOnlineWarning =
	'Exchange Web Services in Exchange Online is blocked by default since 1 October 2026 and shuts down on 1 April 2027, so Online integration goes through Microsoft Graph.';

const labelWidth = 26;

/**
Page 4: how the service instances authenticate, the accounts, and whether
each right they need is in place, with the command that grants it.
*/
export default function AccountsPage({
	flow,
	width,
	height,
	onChange,
	onNext,
	onBack,
	checkRights,
	onPassword,
}: Props) {
	const {answers, errors, report} = flow;
	const online = answers.deployment === 'online';
	const askPassword = passwordNeeded(answers);
	const databases = databaseChoices(report?.findings.databases ?? []);
	const databaseIsText = databases.length === 0;
	const textFields: FieldId[] = online
		? ['tenantId', 'clientId', 'certificateThumbprint']
		: ['serviceAccount'];

	const controls: Control[] = [
		{
			kind: 'radio',
			id: 'authentication',
			count: authenticationChoices.length,
			chosen: authenticationChoices.findIndex(
				choice => choice.value === answers.authentication,
			),
			onChoose(index) {
				onChange({authentication: authenticationChoices[index]?.value});
			},
		},
		...textFields.map(id => ({kind: 'text' as const, id})),
	];
	if (askPassword) {
		controls.push({kind: 'text', id: passwordField});
	}

	if (!online && answers.administrative) {
		controls.push(
			databaseIsText
				? {kind: 'text', id: 'mailboxDatabase'}
				: {
						kind: 'dropdown',
						id: 'mailboxDatabase',
						count: databases.length,
						chosen: databases.findIndex(
							choice => choice.value === answers.mailboxDatabase,
						),
						onChoose(index) {
							onChange({mailboxDatabase: databases[index]?.value});
						},
					},
		);
	}

	const form = useForm({controls, errors, onNext, onBack});
	const hints = formHints(form, controls);
	usePageKeys({handle: form.handle, typing: form.typing, hints});

	// Rights that do not apply to these choices would only crowd the page.
	const rights = (
		report
			? checkRights({
					findings: report.findings,
					deployment: answers.deployment ?? 'on-premises',
					standard: answers.standard === true,
					administrative: answers.administrative === true && !online,
					serviceAccount: answers.serviceAccount ?? null,
				})
			: []
	).filter(right => right.status !== 'skip');

	const text = (id: FieldId, placeholder: string) => (
		<Box key={id} flexDirection="column">
			<TextField
				label={fieldLabels[id]}
				labelWidth={labelWidth}
				value={String(answers[id] ?? '')}
				placeholder={placeholder}
				isFocused={form.focused === id}
				onChange={value => {
					onChange({[id]: value === '' ? undefined : value});
				}}
			/>
			<FieldError message={errors[id]} />
		</Box>
	);

	return (
		<Frame
			title={pageTitles.accounts}
			step={stepOf('accounts')}
			hints={hints}
			width={width}
			height={height}
		>
			<RadioGroup
				label={`  ${fieldLabels.authentication}`}
				options={authenticationChoices}
				value={answers.authentication}
				cursor={form.cursor}
				isFocused={form.focused === 'authentication'}
				direction="row"
			/>
			<FieldError message={errors.authentication} />
			{online ? (
				<>
					{text(
						'tenantId',
						'a GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47',
					)}
					{text('clientId', 'the app registration (client) ID')}
					{text('certificateThumbprint', '40 hexadecimal characters')}
					<Box marginTop={1}>
						<Text color="yellow">Note: {ewsOnlineWarning}</Text>
					</Box>
				</>
			) : (
				<>
					{text('serviceAccount', String.raw`DOMAIN\user, e.g. CONTOSO\svc-k2`)}
					{askPassword ? (
						<>
							<TextField
								label={passwordLabel}
								labelWidth={labelWidth}
								value={flow.password ?? ''}
								placeholder="the service account's, hidden as you type"
								mask="*"
								isFocused={form.focused === passwordField}
								onChange={onPassword}
							/>
							<FieldError message={errors.password} />
							<Box marginLeft={4}>
								<Text dimColor>{staticPasswordNote}</Text>
							</Box>
						</>
					) : null}
					{answers.administrative ? (
						databaseIsText ? (
							text('mailboxDatabase', 'e.g. DB01')
						) : (
							<>
								<Dropdown
									label={fieldLabels.mailboxDatabase}
									options={databases}
									value={answers.mailboxDatabase}
									isFocused={form.focused === 'mailboxDatabase'}
									isOpen={form.open === 'mailboxDatabase'}
									highlight={form.highlight}
									limit={4}
									width={width - 4}
								/>
								<FieldError message={errors.mailboxDatabase} />
							</>
						)
					) : null}
				</>
			)}
			{rights.length > 0 ? <Rights rights={rights} /> : null}
		</Frame>
	);
}

function Rights({rights}: {readonly rights: readonly RightCheck[]}) {
	const glyphs = useGlyphs();
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text bold>Required rights</Text>
			{rights.map(right => (
				<Box key={`${right.right}:${right.holder}`} flexDirection="column">
					<Box>
						<Box width={2} flexShrink={0}>
							{right.status === 'pass' ? (
								<Text color="green">{glyphs.pass}</Text>
							) : right.status === 'warn' ? (
								<Text color="yellow">{glyphs.warn}</Text>
							) : (
								<Text dimColor>{glyphs.skip}</Text>
							)}
						</Box>
						<Text>
							{right.right} for {right.holder}: {right.detail}
						</Text>
					</Box>
					{right.fix ? (
						<Box marginLeft={2}>
							<Text color="yellow">{right.fix}</Text>
						</Box>
					) : null}
				</Box>
			))}
		</Box>
	);
}
