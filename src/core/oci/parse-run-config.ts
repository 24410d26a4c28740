import { isEnvEntry } from './formats.ts';
import {
  readBoolean,
  readObjectMap,
  readString,
  readStringArray,
  readStringMap,
} from './json-fields.ts';
import { fail, isObject, item, wrongType, type ReadContext } from './json-path.ts';
import { Rule } from './rules.ts';
import type { RunConfig } from './types.ts';

/** Read the `config` member of an image config: the defaults for running a container. */
export function readRunConfig(ctx: ReadContext, raw: unknown, path: string): RunConfig | undefined {
  if (!isObject(raw)) {
    wrongType(ctx, path, 'an object', raw, Rule.config);
    return undefined;
  }
  const r = Rule.config;
  const out: RunConfig = {};
  const user = readString(ctx, raw, 'User', path, r);
  if (user !== undefined) out.User = user;
  const ports = readObjectMap(ctx, raw, 'ExposedPorts', path, r);
  if (ports) out.ExposedPorts = ports;
  const env = readStringArray(ctx, raw, 'Env', path, r);
  if (env) {
    env.forEach((e, i) => {
      if (!isEnvEntry(e))
        fail(
          ctx,
          item(`${path}.Env`, i),
          'env-invalid',
          `Env entry ${JSON.stringify(e)} is not in the form VARNAME=VARVALUE`,
          r,
        );
    });
    out.Env = env;
  }
  const entrypoint = readStringArray(ctx, raw, 'Entrypoint', path, r, { nullable: true });
  if (entrypoint !== undefined) out.Entrypoint = entrypoint;
  const cmd = readStringArray(ctx, raw, 'Cmd', path, r, { nullable: true });
  if (cmd !== undefined) out.Cmd = cmd;
  const volumes = readObjectMap(ctx, raw, 'Volumes', path, r, { nullable: true });
  if (volumes) out.Volumes = volumes;
  const workingDir = readString(ctx, raw, 'WorkingDir', path, r);
  if (workingDir !== undefined) out.WorkingDir = workingDir;
  const labels = readStringMap(ctx, raw, 'Labels', path, r, { nullable: true });
  if (labels) out.Labels = labels;
  const stopSignal = readString(ctx, raw, 'StopSignal', path, r);
  if (stopSignal !== undefined) out.StopSignal = stopSignal;
  const argsEscaped = readBoolean(ctx, raw, 'ArgsEscaped', path, r);
  if (argsEscaped !== undefined) out.ArgsEscaped = argsEscaped;
  // Docker's own fields, outside the OCI schema: read when well-typed, reported otherwise.
  const shell = readStringArray(ctx, raw, 'Shell', path, r);
  if (shell) out.Shell = shell;
  const onBuild = readStringArray(ctx, raw, 'OnBuild', path, r, { nullable: true });
  if (onBuild !== undefined) out.OnBuild = onBuild;
  if (raw.Healthcheck !== undefined) out.Healthcheck = raw.Healthcheck;
  return out;
}
