import type { ReactNode } from 'react';
import type { ImageConfig } from '../../../core/oci/types.ts';
import { explainAnnotation } from '../../components/explain.ts';
import { Hint } from '../../components/hint.tsx';

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}

const none = <span className="muted">not set</span>;

/** A command (entrypoint / cmd) as a shell would show it, each argument quoted only when needed. */
export function formatArgv(argv: readonly string[] | null | undefined): string | null {
  if (!argv || argv.length === 0) return null;
  return argv
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'"'"'`)}'`))
    .join(' ');
}

/** The readable summary of an image config: platform, user, env, entrypoint, cmd, ports, volumes, labels. */
export function ConfigSummary({ config }: { config: ImageConfig }) {
  const run = config.config ?? {};
  const platform = [config.os, config.architecture, config.variant].filter(Boolean).join('/');
  const entrypoint = formatArgv(run.Entrypoint);
  const cmd = formatArgv(run.Cmd);
  const ports = Object.keys(run.ExposedPorts ?? {});
  const volumes = Object.keys(run.Volumes ?? {});
  const labels = Object.entries(run.Labels ?? {});
  const env = run.Env ?? [];
  return (
    <section className="config-summary" aria-label="Config summary">
      <dl className="facts">
        <Row name="platform">
          <span className="mono">{platform || '—'}</span>
          {config.osVersion && <span className="muted"> · os.version {config.osVersion}</span>}
        </Row>
        <Row name="user">
          {run.User ? (
            <span className="mono">{run.User}</span>
          ) : (
            <span className="muted">not set (root)</span>
          )}
        </Row>
        <Row name="entrypoint">{entrypoint ? <code>{entrypoint}</code> : none}</Row>
        <Row name="cmd">{cmd ? <code>{cmd}</code> : none}</Row>
        <Row name="workdir">
          {run.WorkingDir ? (
            <span className="mono">{run.WorkingDir}</span>
          ) : (
            <span className="muted">not set (/)</span>
          )}
        </Row>
        <Row name="ports">
          {ports.length ? <span className="mono">{ports.join(', ')}</span> : none}
        </Row>
        <Row name="volumes">
          {volumes.length ? <span className="mono">{volumes.join(', ')}</span> : none}
        </Row>
        {run.StopSignal && <Row name="stop signal">{run.StopSignal}</Row>}
        {config.created && <Row name="created">{config.created}</Row>}
        {config.author && <Row name="author">{config.author}</Row>}
        <Row name="history">
          {config.history.length} steps, {config.history.filter((h) => h.emptyLayer).length} without
          a layer · {config.diffIds.length} diff_ids
        </Row>
      </dl>
      {env.length > 0 && (
        <table className="kv" aria-label="Environment">
          <caption>Environment ({env.length})</caption>
          <tbody>
            {env.map((e, i) => {
              const eq = e.indexOf('=');
              return (
                <tr key={i}>
                  <th scope="row" className="mono">
                    {eq < 0 ? e : e.slice(0, eq)}
                  </th>
                  <td className="mono">{eq < 0 ? '' : e.slice(eq + 1)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {labels.length > 0 && (
        <table className="kv" aria-label="Labels">
          <caption>Labels ({labels.length})</caption>
          <tbody>
            {labels.map(([k, v]) => {
              const ex = explainAnnotation(k);
              return (
                <tr key={k}>
                  <th scope="row" className="mono">
                    {ex ? <Hint explanation={ex}>{k}</Hint> : k}
                  </th>
                  <td className="mono">{v}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
