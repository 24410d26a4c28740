import type { About } from '../../../core/learn/about.ts';

/**
 * An "About this …" region: a few sentences tied to this image and the spec's sections, open by
 * default and collapsible (a native `<details>`, so it works by keyboard with no script).
 */
export function AboutRegion({ about }: { about: About }) {
  return (
    <section className="learn-about" aria-label={about.title}>
      <details open>
        <summary>{about.title}</summary>
        {about.sentences.map((s, i) => (
          <p key={i}>{s}</p>
        ))}
        <p className="learn-links small">
          Spec:{' '}
          {about.links.map((l, i) => (
            <span key={l.href}>
              {i > 0 && ' · '}
              <a href={l.href} target="_blank" rel="noreferrer noopener">
                {l.label}
              </a>
            </span>
          ))}
        </p>
      </details>
    </section>
  );
}
