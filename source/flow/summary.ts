/*
The Summary page's text, from the configuration document the plan made:
every service instance and environment library field with its settings,
settings shared by every instance listed once, and on a reconfigure the
difference from the configuration on disk.
*/
import type {ConfigChange} from '../plan/diff.js';
import type {ConfigDocument} from '../plan/types.js';
import {describeVersion} from './choices.js';

export type SummaryLine = {
	readonly text: string;
	readonly tone?: 'heading' | 'added' | 'removed' | 'changed' | 'note';
};

const column = 26;

function setting(name: string, value: unknown): SummaryLine {
	const label = `  ${name}`;
	const gap = label.length < column ? ' '.repeat(column - label.length) : ' ';
	return {text: `${label}${gap}${formatValue(value)}`};
}

export function formatValue(value: unknown): string {
	if (value === undefined) {
		return '(none)';
	}

	return typeof value === 'string' ? value : JSON.stringify(value);
}

export function summaryLines(document: ConfigDocument): SummaryLine[] {
	const {exchange, serviceInstances, environmentLibrary} = document;
	if (!exchange.enabled) {
		return [
			{text: 'Nothing about Exchange is configured.', tone: 'heading'},
			{text: `Reason: ${exchange.skippedReason}`},
			{
				text: 'No service instances or environment library fields are written.',
				tone: 'note',
			},
		];
	}

	const lines: SummaryLine[] = [
		{
			text: `${exchange.deployment === 'online' ? 'Online' : 'On-premises'}: ${[
				exchange.server ?? 'no server',
				`${describeVersion(exchange.version)}${exchange.version.detected ? ' detected' : ''}`,
			].join(', ')}`,
			tone: 'heading',
		},
		{
			text: `Autodiscover ${exchange.autodiscover ? 'on' : 'off'}, email ${exchange.email ?? '(none)'}`,
		},
		{text: 'Service instances', tone: 'heading'},
		...serviceInstances.map(instance =>
			setting(instance.name, instance.authentication),
		),
	];

	const shared = sharedSettings(document);
	if (serviceInstances.length > 0) {
		lines.push(
			{
				text:
					serviceInstances.length > 1
						? 'Settings of every instance'
						: 'Settings',
				tone: 'heading',
			},
			...Object.entries(shared).map(([name, value]) => setting(name, value)),
		);
	}

	for (const instance of serviceInstances) {
		const own = Object.entries(instance.settings).filter(
			([name]) => !(name in shared),
		);
		if (own.length > 0) {
			lines.push(
				{text: `${instance.name} also`, tone: 'heading'},
				...own.map(([name, value]) => setting(name, value)),
			);
		}
	}

	lines.push(
		{text: 'Environment library', tone: 'heading'},
		...environmentLibrary.map(field => setting(field.field, field.value)),
	);
	return lines;
}

/** Settings every instance has with the same value. */
function sharedSettings(
	document: ConfigDocument,
): Record<string, string | number | boolean> {
	const [first, ...rest] = document.serviceInstances;
	if (!first) {
		return {};
	}

	return Object.fromEntries(
		Object.entries(first.settings).filter(([name, value]) =>
			rest.every(instance => instance.settings[name] === value),
		),
	);
}

function isPart(value: unknown): boolean {
	return typeof value === 'object' && value !== null;
}

export function changeLines(changes: readonly ConfigChange[]): SummaryLine[] {
	if (changes.length === 0) {
		return [
			{text: 'Changes from the existing configuration', tone: 'heading'},
			{text: '  None: the configuration on disk already matches.'},
		];
	}

	return [
		{text: 'Changes from the existing configuration', tone: 'heading'},
		...changes.map(change => changeLine(change)),
	];
}

function changeLine(change: ConfigChange): SummaryLine {
	switch (change.kind) {
		// A whole new or removed part (an instance, a field) is named,
		// not dumped: its settings are listed above.
		case 'added': {
			return {
				text: isPart(change.after)
					? `+ ${change.path} (new)`
					: `+ ${change.path}: ${formatValue(change.after)}`,
				tone: 'added',
			};
		}

		case 'removed': {
			return {
				text: isPart(change.before)
					? `- ${change.path} (removed)`
					: `- ${change.path}: ${formatValue(change.before)}`,
				tone: 'removed',
			};
		}

		case 'changed': {
			return {
				text: `~ ${change.path}: ${formatValue(change.before)} -> ${formatValue(change.after)}`,
				tone: 'changed',
			};
		}
	}
}
