import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { UpdateNote } from './components/update-note.tsx';
import { DropTarget } from './features/loading/drop-target.tsx';
import { LinkMismatch, LinkWaiting } from './features/loading/link-note.tsx';
import { LoadErrorView, OpeningView } from './features/loading/load-status.tsx';
import { OpenButtons } from './features/loading/open-buttons.tsx';
import {
  requestFor,
  requestForRef,
  requestForUrl,
  type Picked,
} from './features/loading/picked.ts';
import type { RegistryCredentials } from '../core/registry/registry-client.ts';
import { StartPage } from './features/loading/start-page.tsx';
import { explorerPool } from '../worker/client.ts';
import { useSecondImage, useSession } from './state/app-context.tsx';
import { compareWithInput, requestForSecond } from './compare-actions.ts';
import { CompareWorkspace } from './compare-workspace.tsx';
import { useSecondState } from './state/second-image.ts';
import { secondSourceOf, withSecondSource } from './state/second-source.ts';
import { linkFits, pendingLinkOf, type PendingLink } from './state/deep-link.ts';
import { replaceView, resetView, useViewState } from './state/navigation.ts';
import { useSessionState } from './state/session.ts';
import { SkipLinks } from './layout/skip-links.tsx';
import { loadGraphView, Workspace } from './workspace.tsx';

/**
 * Remove `?src=` and `?ref=` (and the compare view's `src2`, `ref2`) once something else is
 * opened, so a reload does not bring the old image back.
 */
function dropSrcParam(): void {
  const url = new URL(location.href);
  const keys = ['src', 'ref', 'src2', 'ref2'];
  if (!keys.some((k) => url.searchParams.has(k))) return;
  for (const k of keys) url.searchParams.delete(k);
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

/** Put `?ref=` in the address (the hash, the view, is kept), readable: `:` `/` `@` unescaped. */
function setRefParam(ref: string): void {
  const url = new URL(location.href);
  url.searchParams.delete('src');
  url.searchParams.set('ref', ref);
  const search = url.search.replaceAll('%2F', '/').replaceAll('%3A', ':').replaceAll('%40', '@');
  history.replaceState(null, '', url.pathname + search + url.hash);
}

/** The application shell: header, drop target, and the view for the session's state. */
export function App() {
  const session = useSession();
  const state = useSessionState(session);
  const second = useSecondImage();
  const view = useViewState();
  const comparing = view.compare !== null;

  // A link to a view of a dropped image waits for that image: it is restored when the image
  // opens, and a different image gets a note saying so (and opens at its start).
  const [pendingShown, setPendingShown] = useState(() => pendingLinkOf(location.hash));
  const pending = useRef<PendingLink | null>(pendingShown);
  const [mismatch, setMismatch] = useState<{ link: PendingLink; opened: string } | null>(null);

  const open = useCallback(
    (p: Picked) => {
      dropSrcParam();
      setMismatch(null);
      if (pending.current) replaceView(pending.current.hash);
      else resetView();
      second?.clear();
      void session.open(requestFor(p));
    },
    [session, second],
  );
  // In the compare view a drop opens image B beside the image open.
  const openHere = useCallback(
    (p: Picked) => {
      if (comparing && second && state.status === 'ready')
        void compareWithInput(second, requestFor(p), view.image, null);
      else open(p);
    },
    [comparing, second, state.status, view.image, open],
  );

  const readyImage = state.status === 'ready' ? state.image : null;
  // Before paint, so a link that does not fit never shows its view on the wrong image.
  useLayoutEffect(() => {
    const link = pending.current;
    if (!readyImage || !link) return;
    if (linkFits(link, readyImage.graph)) {
      pending.current = null;
      setPendingShown(null);
    } else {
      resetView();
      setMismatch({ link, opened: readyImage.name });
    }
  }, [readyImage]);

  const openRef = useCallback(
    (ref: string, credentials?: RegistryCredentials) => {
      setMismatch(null);
      setRefParam(ref);
      void session.open(requestForRef(ref, credentials));
    },
    [session],
  );

  // A registry image's link is pinned to the manifest it resolved to, so it reopens these bytes.
  const pinned = readyImage?.reference ?? null;
  useEffect(() => {
    if (pinned && new URLSearchParams(location.search).has('ref')) setRefParam(pinned);
  }, [pinned]);

  // The second image of a compare link from a registry is pinned the same way.
  const secondState = useSecondState(second);
  const pinned2 = secondState.status === 'ready' ? secondState.input.reference : null;
  useEffect(() => {
    if (pinned2 && secondSourceOf(location.search)?.key === 'ref2')
      history.replaceState(
        null,
        '',
        withSecondSource(location.href, { key: 'ref2', value: pinned2 }),
      );
  }, [pinned2]);

  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const src = params.get('src');
    const ref = params.get('ref');
    if (src) void session.open(requestForUrl(src, location.href));
    else if (ref) void session.open(requestForRef(ref));
    const src2 = secondSourceOf(location.search);
    if (src2 && second) void second.open(requestForSecond(src2));
    // Fetch the graph's chunk while the user picks an image, so drawing it costs no download.
    const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(() => {
      void loadGraphView();
      explorerPool().warm();
    });
  }, [session, second]);

  // A view replaced under the focus (choosing a demo, an image opening) would drop the focus to
  // the page: it goes to the new view's first target instead (the workspace's heading).
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active !== body.current) return;
    const first = body.current?.querySelector<HTMLElement>('[data-focus-first]');
    (first ?? body.current)?.focus();
  }, [state.status]);

  const buttons = <OpenButtons onPicked={open} size="large" />;
  return (
    <div className="app">
      {state.status === 'ready' && <SkipLinks />}
      <header className="topbar">
        <a className="brand" href="./" aria-label="OCI Image Explorer home">
          <span className="brand-mark" aria-hidden="true">
            ◧
          </span>
          OCI Image Explorer
        </a>
        <span className="topbar-note muted">local · nothing is uploaded</span>
        <UpdateNote />
        <span className="spacer" />
        {state.status !== 'empty' && state.status !== 'failed' && <OpenButtons onPicked={open} />}
      </header>
      <DropTarget
        comparing={comparing}
        onDropStart={() => {
          if (!comparing) session.cancel();
        }}
        onPicked={openHere}
      />
      <div className="app-body" ref={body} tabIndex={-1}>
        {state.status === 'empty' && (
          <StartPage
            buttons={buttons}
            note={pendingShown && <LinkWaiting link={pendingShown} />}
            onRegistry={(ref) => openRef(ref)}
          />
        )}
        {state.status === 'opening' && (
          <OpeningView
            label={state.label}
            progress={state.progress}
            onCancel={() => {
              dropSrcParam();
              session.clear();
            }}
          />
        )}
        {state.status === 'failed' && (
          <LoadErrorView
            label={state.label}
            error={state.error}
            buttons={buttons}
            onCredentials={(c) => openRef(state.label, c)}
          />
        )}
        {state.status === 'ready' && mismatch && (
          <LinkMismatch
            link={mismatch.link}
            opened={mismatch.opened}
            images={state.image.graph.images.map((i) => i.manifest)}
            onDismiss={() => setMismatch(null)}
          />
        )}
        {state.status === 'ready' &&
          (comparing ? (
            <CompareWorkspace key={state.id} image={state.image} />
          ) : (
            <Workspace key={state.id} image={state.image} />
          ))}
      </div>
    </div>
  );
}
