// A database request with its progress in a notification: the server's work-done reports become
// the notification's message, and Cancel (where the request can stop between migrations) sends
// $/cancelRequest; the server then answers with what it did, so nothing done goes unreported.

import { randomUUID } from 'node:crypto';
import { ProgressLocation, window } from 'vscode';
import { WorkDoneProgress, type LanguageClient, type RequestType, type WorkDoneProgressParams } from 'vscode-languageclient/node';

export interface ProgressOptions {
  title: string;
  /** The server stops between steps when asked (up, down, trace, docker start). */
  cancellable: boolean;
}

export function requestWithProgress<P extends WorkDoneProgressParams, R>(client: LanguageClient, type: RequestType<P, R, void>, params: P, options: ProgressOptions): Promise<R> {
  return Promise.resolve(
    window.withProgress({ location: ProgressLocation.Notification, title: `Migration Lens: ${options.title}`, cancellable: options.cancellable }, async (progress, cancellation) => {
      const workDoneToken = randomUUID();
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'end' && value.message) progress.report({ message: value.message });
      });
      try {
        return await client.sendRequest(type, { ...params, workDoneToken }, cancellation);
      } finally {
        listening.dispose();
      }
    }),
  );
}
