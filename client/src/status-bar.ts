// A status bar item that shows whether the language server is starting, running or stopped;
// clicking it opens the output, where the reason for a stop is logged.

import { StatusBarAlignment, ThemeColor, window, type Disposable } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

export function createServerStatusItem(client: LanguageClient, showOutputCommand: string): Disposable {
  const item = window.createStatusBarItem('migrationLens.serverStatus', StatusBarAlignment.Left);
  item.name = 'Migration Lens';
  item.command = showOutputCommand;
  const show = (state: State) => {
    item.backgroundColor = undefined;
    if (state === State.Running) {
      item.text = '$(database) Migration Lens';
      item.tooltip = 'Migration Lens is checking your migrations. Click to show its output.';
    } else if (state === State.Starting) {
      item.text = '$(sync~spin) Migration Lens';
      item.tooltip = 'Migration Lens is starting its language server.';
    } else {
      item.text = '$(error) Migration Lens';
      item.tooltip = 'The Migration Lens server has stopped. Click to see why; run "Migration Lens: Restart Language Server" to start it again.';
      item.backgroundColor = new ThemeColor('statusBarItem.errorBackground');
    }
  };
  show(client.state);
  item.show();
  const subscription = client.onDidChangeState((event) => show(event.newState));
  return { dispose: () => (subscription.dispose(), item.dispose()) };
}
