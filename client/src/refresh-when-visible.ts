// Tree views that follow the workspace refresh a moment after the last change, and only while
// they are shown: a hidden view is marked stale and refreshed when it is shown again, so edits
// cost nothing while nobody looks.

import type { Disposable, TreeView } from 'vscode';

export interface DelayedRefresh extends Disposable {
  /** Something the view shows may have changed. */
  schedule(): void;
}

export function refreshWhenVisible(view: TreeView<unknown>, refresh: () => void, delayMs: number): DelayedRefresh {
  let stale = false;
  let timer: NodeJS.Timeout | undefined;
  const refreshIfShown = () => {
    if (!view.visible || !stale) return;
    stale = false;
    refresh();
  };
  const visibility = view.onDidChangeVisibility(refreshIfShown);
  return {
    schedule: () => {
      stale = true;
      clearTimeout(timer);
      timer = setTimeout(refreshIfShown, delayMs);
    },
    dispose: () => {
      clearTimeout(timer);
      visibility.dispose();
    },
  };
}
