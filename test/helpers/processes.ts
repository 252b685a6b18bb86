import {readdirSync, readFileSync} from 'node:fs';

type ProcessEntry = {
	pid: number;
	parent: number;
	name: string;
	/** Clock ticks after boot: with the pid, one process for ever. */
	start: number;
};

/**
Every process on the machine, read from /proc (Linux only).
*/
export function listProcesses(): ProcessEntry[] {
	const entries: ProcessEntry[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// The command name sits in parentheses and may itself contain spaces
			// or parentheses, so split after the last closing one.
			const close = stat.lastIndexOf(')');
			const fields = stat.slice(close + 2).split(' ');
			entries.push({
				pid: Number(name),
				parent: Number(fields[1]),
				name: stat.slice(stat.indexOf('(') + 1, close),
				start: Number(fields[19]),
			});
		} catch {
			// The process ended while we were reading.
		}
	}

	return entries;
}

export function childrenOf(pid: number): number[] {
	return listProcesses()
		.filter(entry => entry.parent === pid)
		.map(entry => entry.pid);
}

/**
The processes whose parent chain leads to `pid`, with their command names.
*/
export function descendantsOf(pid: number): ProcessEntry[] {
	const all = listProcesses();
	const found: ProcessEntry[] = [];
	let frontier = [pid];
	while (frontier.length > 0) {
		const parents = new Set(frontier);
		const next = all.filter(entry => parents.has(entry.parent));
		found.push(...next);
		frontier = next.map(entry => entry.pid);
	}

	return found;
}

export type PowerShellProcess = {
	readonly pid: number;
	readonly start: number;
	/**
	A dotnet global tool's `pwsh` is a launcher: the shell itself runs under
	it as `dotnet …/pwsh.dll`. A pwsh installed as a package is the shell.
	*/
	readonly role: 'shell' | 'launcher';
};

/** The program's arguments, from /proc; empty once it has ended. */
function argumentsOf(pid: number): string[] {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
			.split('\0')
			.filter(part => part !== '');
	} catch {
		return [];
	}
}

function isPowerShellCommand(argv: readonly string[]): boolean {
	const base = (part: string) =>
		part.slice(part.lastIndexOf('/') + 1).toLowerCase();
	return (
		/^(pwsh|powershell)(\.exe)?$/.test(base(argv[0] ?? '')) ||
		argv.some(part => base(part) === 'pwsh.dll')
	);
}

/**
The PowerShell processes started, directly or not, by `pid`, told by their
command lines: under the dotnet-tool launcher the real shell's process name
is `dotnet`, not `pwsh`.
*/
export function powershellProcesses(pid: number): PowerShellProcess[] {
	const found = descendantsOf(pid).filter(entry =>
		isPowerShellCommand(argumentsOf(entry.pid)),
	);
	return found.map(entry => ({
		pid: entry.pid,
		start: entry.start,
		role: found.some(other => other.parent === entry.pid)
			? 'launcher'
			: 'shell',
	}));
}

/** The PowerShell shells (not launchers) under `pid`. */
export function powershellShells(pid: number): PowerShellProcess[] {
	return powershellProcesses(pid).filter(entry => entry.role === 'shell');
}

export function isAlive(pid: number): boolean {
	return startOf(pid) !== undefined;
}

/** Those of `processes` still running: the same pid and start time. */
export function stillRunning(
	processes: Iterable<PowerShellProcess>,
): PowerShellProcess[] {
	return [...processes].filter(entry => startOf(entry.pid) === entry.start);
}

/** A running process's start time; undefined once it ended. */
function startOf(pid: number): number | undefined {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}

	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// A zombie has ended; only its exit status is left to collect.
	return fields[0] === 'Z' ? undefined : Number(fields[19]);
}

export type PowerShellCensus = {
	/** Every PowerShell process seen so far, launchers too. */
	readonly seen: () => PowerShellProcess[];
	/** The most shells seen at one time. */
	readonly most: () => number;
	readonly stop: () => void;
};

/**
Looks at the PowerShell processes under the process `root` names (asked
until it names one), every `intervalMs` until stopped: which ones a run
started, and how many at once.
*/
export function watchPowerShell(
	root: () => number | undefined,
	intervalMs = 100,
): PowerShellCensus {
	const seen = new Map<string, PowerShellProcess>();
	let most = 0;
	let pid: number | undefined;
	const look = () => {
		pid ??= root();
		if (pid === undefined) {
			return;
		}

		const now = powershellProcesses(pid);
		for (const entry of now) {
			// A launcher looks like a shell until it has started the shell.
			const key = `${entry.pid}@${entry.start}`;
			if (seen.get(key)?.role !== 'launcher') {
				seen.set(key, entry);
			}
		}

		const shells = now.filter(entry => entry.role === 'shell');
		most = Math.max(most, shells.length);
	};

	look();
	const timer = setInterval(look, intervalMs);
	return {
		seen() {
			look();
			return [...seen.values()];
		},
		most() {
			look();
			return most;
		},
		stop() {
			clearInterval(timer);
		},
	};
}

/**
The resident-set high-water mark of a live process, in bytes.
*/
export function peakResidentBytes(pid: number): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}
