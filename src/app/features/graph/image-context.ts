import { createContext } from 'react';
import type { LoadedImage } from '../../state/loaded-image.ts';

/** The image whose graph is drawn, for node components (React Flow passes them only their data). */
export const ImageContext = createContext<LoadedImage | null>(null);
