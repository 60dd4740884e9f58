// Entry of dist/server.js. createConnection picks the transport from the command line
// (`--node-ipc` when VS Code starts it, `--stdio` for other editors and the protocol tests).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

startServer(createConnection(ProposedFeatures.all));
