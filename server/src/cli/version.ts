// The version printed by `--version` and written into SARIF: the extension's own, from package.json
// (esbuild inlines just this field into dist/cli.js).
import { version } from '../../../package.json';

export const toolVersion: string = version;
