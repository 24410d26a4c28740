import type { ReactNode } from 'react';
import { ACCEPTED_FORMATS } from '../../../core/store/image-input.ts';
import { formatBytes } from '../../components/format.ts';
import type { LoadError } from '../../state/session.ts';
import {
  DISTRIBUTION_CORS_CONFIG,
  type RegistryCredentials,
} from '../../../core/registry/registry-client.ts';
import { CredentialsForm } from './registry-form.tsx';
import type { OpenProgress } from '../../../worker/open-source.ts';

/** While an input opens: what is happening, with bytes for downloads. */
export function OpeningView({
  label,
  progress,
  onCancel,
}: {
  label: string;
  progress: OpenProgress | null;
  onCancel: () => void;
}) {
  const rate =
    progress?.phase === 'download' && progress.rate ? ` at ${formatBytes(progress.rate)}/s` : '';
  const what =
    progress?.phase === 'download'
      ? `Downloading ${formatBytes(progress.bytes)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}${rate}`
      : progress?.phase === 'layout'
        ? 'Laying out the graph'
        : 'Reading the image';
  return (
    <main className="start" aria-label="Opening image" aria-busy="true">
      <div className="start-drop">
        <p className="lead" role="status">
          {what}… <span className="mono">{label}</span>
        </p>
        {progress?.phase === 'download' && progress.total ? (
          <progress max={progress.total} value={progress.bytes} />
        ) : (
          <progress />
        )}
        <p>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </p>
      </div>
    </main>
  );
}

/** The accepted formats as a list (the core gives them as one sentence). */
export function acceptedFormats(): string[] {
  return ACCEPTED_FORMATS.split(/, (?![^(]*\))/).map((f) => f.replace(/^or /, ''));
}

/** Why the input could not be opened, and what the tool accepts. */
export function LoadErrorView({
  label,
  error,
  buttons,
  onCredentials,
}: {
  label: string;
  error: LoadError;
  buttons: ReactNode;
  /** Retry a registry that asked for credentials. */
  onCredentials?: (c: RegistryCredentials) => void;
}) {
  const title =
    error.kind === 'not-an-image'
      ? 'This is not an image this tool can read'
      : error.kind === 'registry-unreachable'
        ? 'The registry could not be read from this page'
        : error.kind === 'registry-auth'
          ? 'The registry asks for credentials'
          : error.kind === 'registry'
            ? 'The image could not be read from the registry'
            : error.kind === 'refused'
              ? 'This link was not opened'
              : error.kind === 'stalled'
                ? 'The download stalled'
                : error.kind === 'too-large'
                  ? 'The image is too large to download here'
                  : error.kind === 'cors'
                    ? 'The image could not be downloaded (CORS)'
                    : error.kind === 'http'
                      ? 'The image could not be downloaded'
                      : 'The image could not be opened';
  return (
    <main className="start" aria-label="Could not open the image">
      <div className="start-drop" role="alert">
        <h1>{title}</h1>
        <p className="mono small">{label}</p>
        <p>
          {error.kind === 'not-an-image'
            ? error.message.replace(`; expected ${ACCEPTED_FORMATS}`, '')
            : error.message}
        </p>
        {error.kind === 'registry-unreachable' && (
          <>
            <p>A distribution registry sends these headers with these lines of its config.yml:</p>
            <pre className="mono small" aria-label="Registry CORS configuration">
              {DISTRIBUTION_CORS_CONFIG}
            </pre>
          </>
        )}
        {error.kind === 'registry-auth' && onCredentials && (
          <CredentialsForm onSubmit={onCredentials} />
        )}
        {error.kind === 'not-an-image' && (
          <>
            <p>This tool reads:</p>
            <ul className="formats" aria-label="Accepted formats">
              {acceptedFormats().map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </>
        )}
        {buttons}
      </div>
    </main>
  );
}
