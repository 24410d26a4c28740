import {
  DOCKER_ARCHIVE_FIELDS,
  DOCKER_CONFIG_FIELDS,
  DOCKER_REPOSITORIES_FIELDS,
  DOCKER_RUN_CONFIG_FIELDS,
  SCHEMA1_FIELDS,
} from './field-entries-docker.ts';
import {
  CONFIG_FIELDS,
  DESCRIPTOR_FIELDS,
  INDEX_FIELDS,
  LAYOUT_FIELDS,
  MANIFEST_FIELDS,
  type FieldEntry,
  type FieldTable,
} from './field-entries-oci.ts';
import { DOCKER_IMAGE_SPEC } from './spec-links.ts';

export type { FieldEntry } from './field-entries-oci.ts';

/** The kinds of document whose fields the dictionary knows. */
export type FieldDocumentKind =
  | 'index'
  | 'manifest'
  | 'config'
  | 'descriptor'
  | 'layout'
  | 'docker-archive-manifest'
  | 'docker-repositories'
  | 'manifest-schema1';

/** One step of a JSON path: a member name or an array position. */
export type JsonPathSegment = string | number;

/** What the dictionary says about one key: its shape, its entry if defined, or that it is free-form. */
export interface FieldLookup {
  /** The path's shape (`manifests/*\/platform/os`, `config/Labels/{}`), `/`-joined. */
  shape: string;
  entry: FieldEntry | null;
  /** The key is a member of a free-form map (an annotation, a label, a port), or lies inside one. */
  freeForm: boolean;
}

function withDockerConfig(table: FieldTable): FieldTable {
  const entries: Record<string, FieldEntry> = { ...table.entries, ...DOCKER_CONFIG_FIELDS };
  const href = `${DOCKER_IMAGE_SPEC}#image-json-field-descriptions`;
  for (const [k, text] of Object.entries(DOCKER_RUN_CONFIG_FIELDS)) {
    entries[`config/${k}`] = { text, href };
  }
  // Docker's container_config has the run settings' shape; its meaning is "the build container's".
  for (const [shape, entry] of Object.entries(entries)) {
    if (!shape.startsWith('config/')) continue;
    entries[`container_${shape}`] = {
      text: `In the build container’s settings: ${entry.text}`,
      href: entry.href,
    };
  }
  const maps = (table.maps ?? []).flatMap((m) => [m, `container_${m}`]);
  return { ...table, entries, maps };
}

const TABLES: Readonly<Record<FieldDocumentKind, FieldTable>> = {
  index: INDEX_FIELDS,
  manifest: MANIFEST_FIELDS,
  config: withDockerConfig(CONFIG_FIELDS),
  descriptor: { ...DESCRIPTOR_FIELDS, descriptors: [''] },
  layout: LAYOUT_FIELDS,
  'docker-archive-manifest': DOCKER_ARCHIVE_FIELDS,
  'docker-repositories': DOCKER_REPOSITORIES_FIELDS,
  'manifest-schema1': SCHEMA1_FIELDS,
};

// Sets for the membership tests done once per path segment.
const MAPS = new Map<FieldTable, ReadonlySet<string>>();
const mapsOf = (t: FieldTable): ReadonlySet<string> => {
  let s = MAPS.get(t);
  if (!s) MAPS.set(t, (s = new Set(t.maps ?? [])));
  return s;
};

/** Where a shape sits relative to a table: in the table itself, or in a descriptor below it. */
function locate(table: FieldTable, shape: readonly string[]): { table: FieldTable; rest: string } {
  let best = -1;
  for (const d of table.descriptors ?? []) {
    const parts = d === '' ? [] : d.split('/');
    if (parts.length >= shape.length || parts.length <= best) continue;
    if (parts.every((p, i) => p === shape[i])) best = parts.length;
  }
  if (best < 0) return { table, rest: shape.join('/') };
  return { table: DESCRIPTOR_FIELDS, rest: shape.slice(best).join('/') };
}

/**
 * Look a key up by the document kind and its JSON path (member names and array positions from
 * the top). Paths through free-form maps (annotations, labels) come back `freeForm`, except where
 * a descriptor sits in the map (docker's LayerSources), whose fields are explained again.
 */
export function lookupField(
  kind: FieldDocumentKind,
  path: readonly JsonPathSegment[],
): FieldLookup {
  const table = TABLES[kind];
  const shape: string[] = [];
  let freeForm = false;
  for (const seg of path) {
    if (typeof seg === 'number') {
      shape.push('*');
      continue;
    }
    const here = locate(table, shape);
    if (mapsOf(here.table).has(here.rest)) {
      // A member of a free-form map; below it, only a descriptor position is known again.
      shape.push('{}');
      freeForm = !(table.descriptors ?? []).includes(shape.join('/'));
    } else shape.push(seg);
  }
  const joined = shape.join('/');
  if (freeForm) return { shape: joined, entry: null, freeForm: true };
  const { table: t, rest } = locate(table, shape);
  return { shape: joined, entry: t.entries[rest] ?? null, freeForm: false };
}

/** The explanation of a key, or null when the specs define none there. */
export function fieldEntry(
  kind: FieldDocumentKind,
  path: readonly JsonPathSegment[],
): FieldEntry | null {
  return lookupField(kind, path).entry;
}
