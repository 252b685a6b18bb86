/*
The command's entry point (package.json "bin"), in CommonJS because node
starts a CommonJS file sooner than an ES module. `--version` alone is
answered here, before anything else loads, so scripts that probe the version
pay little more than node's own start-up; everything else goes to the
command line proper in cli.js.
*/
import {readFileSync, writeSync} from 'node:fs';
import path from 'node:path';

const arguments_ = process.argv.slice(2);
if (arguments_.length === 1 && arguments_[0] === '--version') {
	// The package file sits one level up both from source/ and from dist/.
	const packageFile = path.join(__dirname, '..', 'package.json');
	const {version} = JSON.parse(readFileSync(packageFile, 'utf8')) as {
		version: string;
	};
	// A direct write: creating process.stdout costs more than the rest.
	writeSync(1, `${version}\n`);
} else {
	// eslint-disable-next-line unicorn/prefer-top-level-await
	void import('./cli.js');
}
