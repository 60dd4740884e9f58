// Entry of dist/server.js. createConnection picks the transport from the command line
// (`--node-ipc` when VS Code starts it, `--stdio` for other editors and the protocol tests).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nameSessions } from '../db/session-name.js';
import { tuneV8ForEngine } from '../v8-tuning.js';
import { startServer } from './server.js';

tuneV8ForEngine();
nameSessions('editor');
startServer(createConnection(ProposedFeatures.all));
