import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { explorerPool } from '../../worker/client.ts';
import type { LoadedImage } from '../state/loaded-image.ts';
import { checkImage } from './jobs.ts';

/**
 * A registry image's layers are fetched for the image being viewed only: when the view turns to
 * another image (another platform of an index), its layers are listed and verified then.
 * Inputs on disk check every image from the start, so nothing happens for them here.
 */
export function useImageChecks(image: LoadedImage, manifest: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (image.format !== 'registry' || manifest === null) return;
    void checkImage(image, queryClient, explorerPool(), manifest).catch(() => {});
  }, [image, manifest, queryClient]);
}
