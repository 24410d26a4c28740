import { describe, expect, it } from 'vitest';
import { focusFromEvents, layerFocusOf, NO_LAYER_FOCUS } from './layer-focus.ts';

const L = ['sha256:a', 'sha256:b', 'sha256:c', 'sha256:d'];

describe('focusFromEvents', () => {
  const cases: {
    name: string;
    events: { layer: number; action: 'added' | 'modified' | 'deleted' }[];
    last: string | null;
    history: string[];
  }[] = [
    { name: 'no events marks nothing', events: [], last: null, history: [] },
    {
      name: 'added then modified: the modifier wrote it last',
      events: [
        { layer: 0, action: 'added' },
        { layer: 2, action: 'modified' },
      ],
      last: 'sha256:c',
      history: ['sha256:a', 'sha256:c'],
    },
    {
      name: 'a deletion is in the story but did not write the path',
      events: [
        { layer: 1, action: 'added' },
        { layer: 3, action: 'deleted' },
      ],
      last: 'sha256:b',
      history: ['sha256:b', 'sha256:d'],
    },
    {
      name: 'a layer index beyond the image is ignored',
      events: [
        { layer: 0, action: 'added' },
        { layer: 9, action: 'modified' },
      ],
      last: 'sha256:a',
      history: ['sha256:a'],
    },
  ];
  it.each(cases)('$name', ({ events, last, history }) => {
    const f = focusFromEvents(events, L);
    expect(f.last).toBe(last);
    expect([...f.history]).toEqual(history);
  });
});

describe('layerFocusOf', () => {
  const focus = { last: 'sha256:c', history: new Set(['sha256:a', 'sha256:c']) };
  it.each([
    ['sha256:c', 'last'],
    ['sha256:a', 'history'],
    ['sha256:b', undefined],
  ] as const)('%s is %s', (digest, want) => {
    expect(layerFocusOf(focus, digest)).toBe(want);
    expect(layerFocusOf(NO_LAYER_FOCUS, digest)).toBeUndefined();
  });
});
