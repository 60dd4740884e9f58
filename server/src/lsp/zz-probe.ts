import type { Connection } from 'vscode-languageserver/node';
import { StatusRequest, type StatusResult } from './protocol.js';
export function probe(connection: Connection) {
  connection.onRequest(StatusRequest, async (params, token, workDone) => { workDone.begin('x'); return ({}) as StatusResult; });
}
