import { useCallback, useEffect } from 'react';
import { DropTarget } from './features/loading/drop-target.tsx';
import { LoadErrorView, OpeningView } from './features/loading/load-status.tsx';
import { OpenButtons } from './features/loading/open-buttons.tsx';
import { requestFor, requestForUrl, type Picked } from './features/loading/picked.ts';
import { StartPage } from './features/loading/start-page.tsx';
import { explorerPool } from '../worker/client.ts';
import { useSession } from './state/app-context.tsx';
import { resetView } from './state/navigation.ts';
import { useSessionState } from './state/session.ts';
import { loadGraphView, Workspace } from './workspace.tsx';

/** Remove `?src=` once something else is opened, so a reload does not bring the old image back. */
function dropSrcParam(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('src')) return;
  url.searchParams.delete('src');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

/** The application shell: header, drop target, and the view for the session's state. */
export function App() {
  const session = useSession();
  const state = useSessionState(session);

  const open = useCallback(
    (p: Picked) => {
      dropSrcParam();
      resetView();
      void session.open(requestFor(p));
    },
    [session],
  );

  useEffect(() => {
    const src = new URLSearchParams(location.search).get('src');
    if (src) void session.open(requestForUrl(src, location.href));
    // Fetch the graph's chunk while the user picks an image, so drawing it costs no download.
    const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(() => {
      void loadGraphView();
      explorerPool().warm();
    });
  }, [session]);

  const buttons = <OpenButtons onPicked={open} size="large" />;
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="./" aria-label="OCI Image Explorer home">
          <span className="brand-mark" aria-hidden="true">
            ◧
          </span>
          OCI Image Explorer
        </a>
        <span className="topbar-note muted">local · nothing is uploaded</span>
        <span className="spacer" />
        {state.status !== 'empty' && state.status !== 'failed' && <OpenButtons onPicked={open} />}
      </header>
      <DropTarget onDropStart={() => session.cancel()} onPicked={open} />
      {state.status === 'empty' && <StartPage buttons={buttons} />}
      {state.status === 'opening' && <OpeningView label={state.label} progress={state.progress} />}
      {state.status === 'failed' && (
        <LoadErrorView label={state.label} error={state.error} buttons={buttons} />
      )}
      {state.status === 'ready' && <Workspace key={state.id} image={state.image} />}
    </div>
  );
}
