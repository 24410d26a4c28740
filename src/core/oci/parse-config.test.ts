import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse-config.ts';

const ID = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const config = (
  extra: Record<string, unknown> = {},
  diffIds = [ID(1), ID(2)],
): Record<string, unknown> => ({
  architecture: 'amd64',
  os: 'linux',
  rootfs: { type: 'layers', diff_ids: diffIds },
  ...extra,
});
const row = (emptyLayer?: boolean): Record<string, unknown> =>
  emptyLayer === undefined
    ? { created_by: 'RUN x' }
    : { created_by: 'RUN x', empty_layer: emptyLayer };

describe('parseConfig history', () => {
  it.each([
    { name: 'no history', history: undefined, want: [], warnings: [] },
    { name: 'one row per layer', history: [row(), row()], want: [0, 1], warnings: [] },
    {
      name: 'empty_layer rows are skipped',
      history: [row(true), row(), row(false), row(true)],
      want: [null, 0, 1, null],
      warnings: [],
    },
    {
      name: 'too few rows: a warning',
      history: [row(true), row()],
      want: [null, 0],
      warnings: ['history-diffids-mismatch'],
    },
    {
      name: 'too many rows: the extra ones get null',
      history: [row(), row(), row()],
      want: [0, 1, null],
      warnings: ['history-diffids-mismatch'],
    },
  ])('$name', ({ history, want, warnings }) => {
    const r = parseConfig(config(history ? { history } : {}), 'cfg');
    expect(r.value?.history.map((h) => h.layerIndex)).toEqual(want);
    expect(r.problems.map((p) => p.code)).toEqual(warnings);
    expect(r.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('maps the docker:1.12.1 config pulled from Docker Hub (5 empty rows of 9)', () => {
    const file = new URL(
      '../../../tests/fixtures/image-spec/schema-cases/backcompat-03-valid.json',
      import.meta.url,
    );
    const r = parseConfig(JSON.parse(readFileSync(file, 'utf8')), 'backcompat-03');
    expect(r.problems).toEqual([]);
    expect(r.value?.diffIds).toHaveLength(4);
    expect(r.value?.history.map((h) => h.layerIndex)).toEqual([
      0,
      1,
      null,
      null,
      null,
      2,
      3,
      null,
      null,
    ]);
    expect(r.value?.config?.Entrypoint).toEqual(['docker-entrypoint.sh']);
  });
});

describe('parseConfig fields', () => {
  it.each([
    {
      name: 'Entrypoint and Cmd may be null',
      extra: { config: { Entrypoint: null, Cmd: null, Volumes: null, Labels: null } },
      errors: [],
    },
    { name: 'Env must be KEY=VALUE', extra: { config: { Env: ['A=1', 'B='] } }, errors: [] },
    {
      name: 'Env without "="',
      extra: { config: { Env: ['A=1', 'foo'] } },
      errors: ['env-invalid'],
    },
    {
      name: 'ExposedPorts values are objects',
      extra: { config: { ExposedPorts: { '80/tcp': 1 } } },
      errors: ['field-type-invalid'],
    },
    { name: 'a null config is tolerated', extra: { config: null }, errors: [] },
    {
      name: 'created must be RFC 3339',
      extra: { created: '2015-10-31 22:22:56' },
      errors: ['created-invalid'],
    },
    {
      name: 'created with an offset',
      extra: { created: '2015-10-31T22:22:56.0159+01:00' },
      errors: [],
    },
    {
      name: 'rootfs.type must be layers',
      extra: { rootfs: { type: 'tar', diff_ids: [] } },
      errors: ['rootfs-type-invalid'],
    },
    { name: 'rootfs is required', extra: { rootfs: undefined }, errors: ['field-missing'] },
    {
      name: 'a bad diff_id',
      extra: { rootfs: { type: 'layers', diff_ids: ['sha256:zz'] } },
      errors: ['digest-invalid'],
    },
    {
      name: 'empty_layer must be a boolean',
      extra: { history: [{ empty_layer: 'true' }, row(), row()] },
      errors: ['field-type-invalid'],
    },
    {
      name: 'unknown fields',
      extra: { container_config: { Hostname: 'x' }, docker_version: '1.12' },
      errors: [],
    },
  ])('$name', ({ extra, errors }) => {
    const r = parseConfig(config(extra), 'cfg');
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(errors);
  });

  it('reads the run config and platform fields', () => {
    const r = parseConfig(
      config({
        variant: 'v8',
        'os.version': '10',
        'os.features': ['f'],
        author: 'me',
        config: {
          User: 'u',
          WorkingDir: '/w',
          Env: ['A=1'],
          Cmd: ['sh'],
          Labels: { a: 'b' },
          StopSignal: 'SIGTERM',
          ArgsEscaped: true,
          Shell: ['/bin/sh', '-c'],
          OnBuild: null,
        },
      }),
      'cfg',
    );
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({
      kind: 'config',
      os: 'linux',
      architecture: 'amd64',
      variant: 'v8',
      osVersion: '10',
      osFeatures: ['f'],
      author: 'me',
      rootfsType: 'layers',
    });
    expect(r.value?.config).toEqual({
      User: 'u',
      WorkingDir: '/w',
      Env: ['A=1'],
      Cmd: ['sh'],
      Labels: { a: 'b' },
      StopSignal: 'SIGTERM',
      ArgsEscaped: true,
      Shell: ['/bin/sh', '-c'],
      OnBuild: null,
    });
    expect(r.value?.diffIds.map((d) => d.value)).toEqual([ID(1), ID(2)]);
  });

  it('gives no value without os, and says where', () => {
    const r = parseConfig(config({ os: 123 }), 'sha256:cfg');
    expect(r.value).toBeUndefined();
    expect(r.problems[0]).toMatchObject({
      severity: 'error',
      code: 'field-type-invalid',
      where: 'sha256:cfg $.os',
      rule: 'image-spec config.md#properties',
    });
  });
});
