import {Box, Text} from 'ink';
import {useMemo} from 'react';
import Checkbox from '../components/Checkbox.js';
import Dropdown from '../components/Dropdown.js';
import FieldError from '../components/FieldError.js';
import Frame from '../components/Frame.js';
import RadioGroup from '../components/RadioGroup.js';
import TextField from '../components/TextField.js';
import {
	deploymentChoices,
	onPremisesVersionChoices,
	serverChoices,
	versionLabel,
} from '../flow/choices.js';
import {fieldLabels, fieldsOf} from '../flow/fields.js';
import {pageTitles, stepOf} from '../flow/pages.js';
import {serverToEnter} from '../flow/skip.js';
import {versionOf} from '../flow/version.js';
import {serverAsked, type FlowState} from '../flow/wizard.js';
import {onlineServer} from '../plan/plan.js';
import useForm, {type Control} from '../hooks/use-form.js';
import usePageKeys from '../hooks/use-page-keys.js';
import {formHints} from './hints.js';
import type {PageProps} from './props.js';

export const administrativeOnlineReason =
	'Not offered for Exchange Online: mailbox administration is on-premises only.';

/**
Page 3: On-premises or Online, which integrations, the version and the
server. Shown only when detection found the prerequisites.
*/
export default function ConfigurationPage({
	flow,
	width,
	height,
	onChange,
	onNext,
	onBack,
}: PageProps) {
	const {answers, errors, report} = flow;
	const online = answers.deployment === 'online';
	// A large organisation lists thousands of servers; their labels are built
	// once per detection report, not on every key press.
	const discovered = report?.findings.servers;
	const servers = useMemo(() => serverChoices(discovered ?? []), [discovered]);
	const version = versionOf(answers, report);
	const fields = new Set(fieldsOf('configuration', answers, report));
	const serverIsText = servers.length === 0;

	const controls: Control[] = [
		{
			kind: 'radio',
			id: 'deployment',
			count: deploymentChoices.length,
			chosen: deploymentChoices.findIndex(
				choice => choice.value === answers.deployment,
			),
			onChoose(index) {
				onChange({deployment: deploymentChoices[index]?.value});
			},
		},
		{
			kind: 'checkbox',
			id: 'standard',
			onToggle() {
				onChange({standard: !answers.standard});
			},
		},
	];
	if (fields.has('administrative')) {
		controls.push({
			kind: 'checkbox',
			id: 'administrative',
			onToggle() {
				onChange({administrative: !answers.administrative});
			},
		});
	}

	if (fields.has('exchangeVersion')) {
		controls.push({
			kind: 'dropdown',
			id: 'exchangeVersion',
			count: onPremisesVersionChoices.length,
			chosen: onPremisesVersionChoices.findIndex(
				choice => choice.value === answers.exchangeVersion,
			),
			onChoose(index) {
				onChange({exchangeVersion: onPremisesVersionChoices[index]?.value});
			},
		});
	}

	if (fields.has('server')) {
		controls.push(
			serverIsText
				? {kind: 'text', id: 'server'}
				: {
						kind: 'dropdown',
						id: 'server',
						count: servers.length,
						chosen: servers.findIndex(
							choice =>
								choice.value.toLowerCase() === answers.server?.toLowerCase(),
						),
						onChoose(index) {
							onChange({server: servers[index]?.value});
						},
					},
		);
	}

	const form = useForm({controls, errors, onNext, onBack});
	const hints = formHints(form, controls);
	usePageKeys({handle: form.handle, typing: form.typing, hints});
	const proposal = report?.proposal;
	const inner = width - 4;

	return (
		<Frame
			title={pageTitles.configuration}
			step={stepOf('configuration')}
			hints={hints}
			width={width}
			height={height}
		>
			<RadioGroup
				options={deploymentChoices}
				value={answers.deployment}
				cursor={form.cursor}
				isFocused={form.focused === 'deployment'}
			/>
			{proposal?.deployment ? (
				<Box marginLeft={4}>
					<Text dimColor>
						Proposed:{' '}
						{proposal.deployment === 'online' ? 'Online' : 'On-premises'},{' '}
						{proposal.reason}
					</Text>
				</Box>
			) : null}
			<Checkbox
				label={fieldLabels.standard}
				isChecked={answers.standard === true}
				isFocused={form.focused === 'standard'}
			/>
			{online ? (
				<Checkbox
					label={fieldLabels.administrative}
					isChecked={false}
					isFocused={false}
					disabledReason={administrativeOnlineReason}
				/>
			) : (
				<Checkbox
					label={fieldLabels.administrative}
					isChecked={answers.administrative === true}
					isFocused={form.focused === 'administrative'}
				/>
			)}
			{fields.has('exchangeVersion') ? (
				<Dropdown
					label={fieldLabels.exchangeVersion}
					options={onPremisesVersionChoices}
					value={answers.exchangeVersion}
					isFocused={form.focused === 'exchangeVersion'}
					isOpen={form.open === 'exchangeVersion'}
					highlight={form.highlight}
					width={inner}
					placeholder="not detected; choose one"
				/>
			) : (
				<Box marginLeft={2}>
					<Text>
						{fieldLabels.exchangeVersion}:{' '}
						{version.choice ? versionLabel(version.choice) : 'unknown'}
						{version.build ? ` (${version.build})` : ''}
						<Text dimColor>
							{online ? '' : `, detected by ${version.source ?? 'detection'}`}
						</Text>
					</Text>
				</Box>
			)}
			<FieldError message={errors.exchangeVersion} />
			{online ? (
				<Text wrap="truncate-end">
					{'  '}
					{fieldLabels.server}: {onlineServer}
					<Text dimColor> (Exchange Online)</Text>
				</Text>
			) : serverIsText ? (
				<>
					<TextField
						label={fieldLabels.server}
						value={answers.server ?? ''}
						placeholder="e.g. exch01.contoso.com"
						isFocused={form.focused === 'server'}
						onChange={server => {
							onChange({server: server === '' ? undefined : server});
						}}
					/>
					<ServerNote flow={flow} />
				</>
			) : (
				<Dropdown
					label={fieldLabels.server}
					options={servers}
					value={answers.server}
					isFocused={form.focused === 'server'}
					isOpen={form.open === 'server'}
					highlight={form.highlight}
					limit={3}
					width={inner}
				/>
			)}
			<FieldError message={errors.server} />
		</Frame>
	);
}

/** Under the server typed in: why it is typed, and what Next does with it. */
function ServerNote({flow}: {readonly flow: FlowState}) {
	const {report, answers} = flow;
	if (!report || !serverToEnter(report)) {
		return (
			<Text dimColor>
				{'    '}No servers were discovered; enter the server&apos;s FQDN.
			</Text>
		);
	}

	return serverAsked(flow) ? (
		<Box marginLeft={4} flexDirection="column">
			<Text color="yellow">{answers.server} did not answer.</Text>
			<Text color="yellow">
				Correct the name and Next asks again, or Next leaves Exchange
				unconfigured.
			</Text>
		</Box>
	) : (
		<Box marginLeft={4}>
			<Text dimColor>
				Nothing was discovered: enter the server&apos;s FQDN, and Next asks it.
			</Text>
		</Box>
	);
}
