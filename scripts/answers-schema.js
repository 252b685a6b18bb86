// Writes schema/answers.schema.json from the answers' zod schema. The
// TypeScript module is bundled in memory, so no build step is needed first.
import {Buffer} from 'node:buffer';
import {mkdir, writeFile} from 'node:fs/promises';
import {build} from 'esbuild';

const result = await build({
	entryPoints: ['source/answers/json-schema.ts'],
	bundle: true,
	platform: 'node',
	format: 'esm',
	write: false,
	logLevel: 'warning',
});
const code = result.outputFiles[0].text;
const module = await import(
	`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
);
await mkdir('schema', {recursive: true});
await writeFile('schema/answers.schema.json', module.serializeJsonSchema());
