import { useId, useState, type FormEvent } from 'react';
import type { RegistryCredentials } from '../../../core/registry/registry-client.ts';
import { LinkField } from '../../components/link-field.tsx';

/** The start page's field: an image in a registry, by reference. */
export function RegistryField({ onOpen }: { onOpen: (ref: string) => void }) {
  return (
    <LinkField
      onOpen={onOpen}
      formLabel="Open from a registry"
      label="Or an image in a registry"
      placeholder="registry.example.com/repo:tag"
      className="registry-field"
      buttonClassName="btn"
    />
  );
}

/**
 * Credentials for a registry that asked for them: a token, or a username and password. They are
 * kept in this tab's memory for its requests only: never stored, never put in a link.
 */
export function CredentialsForm({ onSubmit }: { onSubmit: (c: RegistryCredentials) => void }) {
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (token) onSubmit({ token });
    else if (username) onSubmit({ username, password });
  };
  return (
    <form className="credentials" onSubmit={submit} aria-label="Registry credentials">
      <label htmlFor={`${id}-u`}>Username</label>
      <input
        id={`${id}-u`}
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label htmlFor={`${id}-p`}>Password</label>
      <input
        id={`${id}-p`}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <label htmlFor={`${id}-t`}>or a token</label>
      <input
        id={`${id}-t`}
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
      />
      <button type="submit" className="btn">
        Open with these
      </button>
      <small className="muted">
        Kept in this tab&apos;s memory only: never stored, never put in a link.
      </small>
    </form>
  );
}
