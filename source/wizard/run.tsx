/*
The interactive wizard as one call: draws on the alternate screen, returns
how the run ended, and leaves the terminal as it found it on every way out.
*/
import type {EventEmitter} from 'node:events';
import process from 'node:process';
import {render} from 'ink';
import App from '../app.js';
import Glyphs from '../components/Glyphs.js';
import {firstFrameEvent} from '../code-cache.js';
import {asciiOutput} from '../terminal/ascii-output.js';
import {checkRights} from '../detection/rights.js';
import {startDetection} from '../detection/run.js';
import type {Services, WizardOptions, WizardResult} from './types.js';

export type {WizardOptions, WizardResult} from './types.js';

const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';
const showCursor = '\u001B[?25h';

const defaultServices: Services = {startDetection, checkRights};

/**
Runs the wizard until the administrator applies, saves the answer file,
finishes, or presses Ctrl+C ({kind: 'interrupted'}, with nothing written).
The screen is restored, the cursor shown and raw mode off before it returns
or throws, also when something fails outside React while it runs.
*/
export async function runWizard(
	options: WizardOptions,
	services: Services = defaultServices,
): Promise<WizardResult> {
	const stdin = options.stdin ?? process.stdin;
	const terminal = options.stdout ?? process.stdout;
	const stdout = options.ascii ? asciiOutput(terminal) : terminal;
	// Ink 6 has no alternate-screen option; the sequences are written here.
	stdout.write(enterAlternateScreen);
	let settle: (result: WizardResult) => void = () => undefined;
	const finished = new Promise<WizardResult>(resolve => {
		settle = resolve;
	});
	const instance = render(
		<Glyphs ascii={options.ascii ?? false}>
			<App options={options} services={services} onFinish={settle} />
		</Glyphs>,
		{
			stdin,
			stdout,
			exitOnCtrlC: false,
			patchConsole: false,
			// A cap, not a rate: Ink draws only when something changed, and the
			// spinners set their own pace. A key pressed within one frame of the
			// last draw waits for the next, so the cap stays above what typing
			// needs (at 15 fps a key took up to 67 ms to show).
			maxFps: 60,
		},
	);
	// Ink has drawn the first frame by now; the code compiled for it is worth
	// keeping for the next start.
	const events: EventEmitter = process;
	events.emit(firstFrameEvent);
	// Ctrl+C reaches the app as a key once raw mode is on; before that (the
	// first moments) and from `kill`, it comes as a signal.
	const interrupted = () => {
		settle({kind: 'interrupted'});
	};

	// A failure outside React (in a timer or a stream's callback) would end
	// the process where it stands, raw and on the alternate screen; it ends
	// the run instead, through the same way out as any other.
	let crash: (error: unknown) => void = () => undefined;
	const crashed = new Promise<never>((_resolve, reject) => {
		crash = reject;
	});
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
	try {
		// Ink ends on its own only when a render throws; that error is the
		// run's outcome then.
		const result = await Promise.race([
			finished,
			crashed,
			(async () => {
				await instance.waitUntilExit();
				throw new Error('The wizard stopped before it finished.');
			})(),
		]);
		instance.unmount();
		await instance.waitUntilExit();
		return result;
	} finally {
		process.off('SIGINT', interrupted);
		process.off('SIGTERM', interrupted);
		process.off('uncaughtException', crash);
		process.off('unhandledRejection', crash);
		// Already done on the usual ways out; after a crash it lets go of stdin.
		instance.unmount();
		instance.cleanup();
		if (stdin.isTTY) {
			stdin.setRawMode(false);
		}

		stdout.write(showCursor + leaveAlternateScreen);
	}
}
