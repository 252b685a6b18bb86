/*
Hostile strings for the injection tests: every way a value could end a
string, start a command or break a line in PowerShell, each carrying a
canary command that creates a file if it ever runs.
*/

/** Everything PowerShell treats as a quote, plus the escape character. */
const quotes = [
	"'",
	'"',
	'\u2018',
	'\u2019',
	'\u201A',
	'\u201B',
	'\u201C',
	'\u201D',
	'\u201E',
	'`',
];

const breaks = ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '\u0000'];

type Template = (command: string) => string;

const templates: Template[] = [
	command => command,
	command => `$(${command})`,
	command => `"$(${command})"`,
	command => `\${${command}}`,
	command => `@(${command})`,
	command => `; ${command}`,
	command => `| ${command}`,
	command => `& ${command}`,
	command => `&& ${command}`,
	command => `|| ${command}`,
	command => `{${command}}.Invoke()`,
	command => `& {${command}}`,
	command => `. {${command}}`,
	command => `--% ${command}`,
	command => `<# comment #> ${command}`,
	command => `# ${command}`,
	command => `#>\n${command}`,
	command => `@'\n${command}\n'@`,
	command => `'@\n${command}`,
	command => `@"\n$(${command})\n"@`,
	command => `"@\n${command}`,
	command => `'+(${command})+'`,
	command => `"+(${command})+"`,
	command => `$env:PATH; ${command}`,
	command => `\${env:HOME}$(${command})`,
	command => `@@PROBE@@$(${command})`,
	command => `Müller’s $(${command}) 東京 😀`,
	command => `${'A'.repeat(9000)}$(${command})`,
	command => `${'\u2019'.repeat(2000)}; ${command}`,
	command => `iex '${command}'`,
	command => `Invoke-Expression "${command}"`,
	command => `[ScriptBlock]::Create('${command}').Invoke()`,
];

/**
At least `minimum` distinct strings; each creates `<directory>/c<n>` if it is
ever executed as PowerShell code.
*/
export function hostileStrings(directory: string, minimum = 200): string[] {
	const values: string[] = [];
	let index = 0;
	const canary = () =>
		`New-Item -ItemType File -Force -Path ${directory}/c${index++}`;

	for (const template of templates) {
		values.push(template(canary()));
	}

	for (const quote of quotes) {
		values.push(
			`x${quote}; ${canary()}; ${quote}`,
			`${quote}$(${canary()})${quote}`,
			`${quote}${quote}; ${canary()} #`,
			`${quote})${quote}; ${canary()}; (${quote}`,
			`${quote}\n${canary()}\n${quote}`,
			`\`${quote}; ${canary()}`,
		);
	}

	for (const lineBreak of breaks) {
		values.push(
			`x${lineBreak}${canary()}`,
			`'${lineBreak}${canary()}${lineBreak}'`,
			`"${lineBreak}$(${canary()})${lineBreak}"`,
			`\`${lineBreak}${canary()}`,
		);
	}

	while (values.length < minimum) {
		const quote = quotes[index % quotes.length] ?? "'";
		const lineBreak = breaks[index % breaks.length] ?? '\n';
		values.push(
			`v${index}${quote};${lineBreak}$(${canary()})${lineBreak}${quote}`,
		);
	}

	return [...new Set(values)];
}
